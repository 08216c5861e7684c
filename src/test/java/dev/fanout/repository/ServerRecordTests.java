package dev.fanout.repository;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a client tells a stalled server (its process there, its port taking connections) from a killed one, whose
 * process may still be in the process table (a zombie: {@code ProcessesTests}) and whose connections have ended.
 */
class ServerRecordTests {

	@Test
	void aServerWhosePortTakesNoConnectionIsNotAcceptingThoughItsProcessRuns() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
			assertThat(record(closed, ProcessHandle.current().pid()).accepting(Duration.ofSeconds(1))).isTrue();
		}

		ServerRecord ended = record(closed, ProcessHandle.current().pid());

		assertThat(ended.processAlive()).isTrue();
		assertThat(ended.accepting(Duration.ofSeconds(1))).isFalse();
	}

	private static ServerRecord record(int port, long pid) {
		return new ServerRecord(port, pid, Instant.now(), Duration.ofMinutes(1), null);
	}

}
