package dev.fanout.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesTests {

	@Test
	void aProcessThatEndedButIsNotYetReapedByItsParentDoesNotRun() throws Exception {
		// The shell's child ends at once; the shell becomes 'sleep', which never waits for it: a zombie until then.
		Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 60").start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
			long ended = Long.parseLong(out.readLine().strip());
			Await.until("the child a zombie", Duration.ofSeconds(10), () -> Processes.zombie(ended));

			assertThat(Processes.running(ended)).isEmpty();
			assertThat(Processes.running(parent.pid())).isPresent();
		}
		finally {
			parent.destroyForcibly().waitFor();
		}
	}

}
