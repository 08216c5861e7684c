package dev.fanout.repository;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a client tells a stalled server (its process there, its port taking connections) from a killed one, whose
 * process may still be in the process table and whose connections have ended.
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

	@Test
	void aKilledProcessNotYetReapedByItsParentIsNotAlive() throws Exception {
		// The shell's child ends at once; the shell becomes 'sleep', which never waits for it: a zombie until then.
		Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 60").start();
		try {
			long zombie;
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
				zombie = Long.parseLong(out.readLine().strip());
				Await.until("the child a zombie", Duration.ofSeconds(10), () -> ServerRecord.zombie(zombie));

				assertThat(record(1, zombie).processAlive()).isFalse();
				assertThat(record(1, parent.pid()).processAlive()).isTrue();
			}
		}
		finally {
			parent.destroyForcibly().waitFor();
		}
	}

	private static ServerRecord record(int port, long pid) {
		return new ServerRecord(port, pid, Instant.now(), Duration.ofMinutes(1), null);
	}

}
