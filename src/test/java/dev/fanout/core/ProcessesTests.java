package dev.fanout.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesTests {

	@Test
	void aProcessThatEndedButIsNotYetReapedByItsParentDoesNotRun() throws Exception {
		// The child stops itself; the shell becomes 'sleep', which never waits for a child. Only then is the child let
		// go on to its end: ended before the exec, the shell could have reaped it, and no zombie would be left.
		Process parent = new ProcessBuilder("sh", "-c", "sh -c 'kill -STOP $$; exit 0' & echo $!; exec sleep 60")
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
			long child = Long.parseLong(out.readLine().strip());
			Await.until("the child stopped and its shell become sleep", Duration.ofSeconds(10),
					() -> state(child) == 'T' && command(parent.pid()).equals("sleep"));
			assertThat(new ProcessBuilder("kill", "-CONT", Long.toString(child)).start().waitFor()).isZero();
			Await.until("the child a zombie", Duration.ofSeconds(10), () -> Processes.zombie(child));

			assertThat(Processes.running(child)).isEmpty();
			assertThat(Processes.running(parent.pid())).isPresent();
		}
		finally {
			parent.destroyForcibly().waitFor();
		}
	}

	/** The process's state letter in {@code /proc/<pid>/stat}, after the command in parentheses. */
	private static char state(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return stat.charAt(stat.lastIndexOf(')') + 2);
	}

	private static String command(long pid) throws IOException {
		return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
	}

}
