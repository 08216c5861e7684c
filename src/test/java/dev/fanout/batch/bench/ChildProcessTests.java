package dev.fanout.batch.bench;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.ProcessTree;

import static org.assertj.core.api.Assertions.assertThat;

/** A bench's child process never outlives the bench: closing it ends it and everything it started. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessTests {

	@TempDir
	Path directory;

	@Test
	void anInterruptedWaitEndsTheProcessAndEveryProcessItStarted() throws Exception {
		try (ProcessTree tree = ProcessTree.in(this.directory)) {
			Throwable ended = tree.interruptWhileItRuns(() -> {
				try (ChildProcess child = ChildProcess.start(new ProcessBuilder(tree.command()))) {
					return child.await(Duration.ofMinutes(5));
				}
			});

			assertThat(ended).isInstanceOf(InterruptedException.class);
			assertThat(tree.anyAlive()).as("the script or its sleep (pid %d) is left", tree.sleeper()).isFalse();
		}
	}

	@Test
	void theShutdownHookEndsTheChildrenStillRunning() throws Exception {
		try (ProcessTree tree = ProcessTree.in(this.directory)) {
			ChildProcess child = ChildProcess.start(new ProcessBuilder(tree.command()));
			tree.awaitSleeper();

			ChildProcess.closeAll();

			assertThat(child.process().isAlive()).isFalse();
			assertThat(tree.anyAlive()).as("the script or its sleep (pid %d) is left", tree.sleeper()).isFalse();
		}
	}

	@Test
	void aChildThatExitedIsLeftAsItEnded() throws Exception {
		try (ChildProcess child = ChildProcess.start(new ProcessBuilder("sh", "-c", "exit 3"))) {
			assertThat(child.await(Duration.ofMinutes(1))).isTrue();
			assertThat(child.exitValue()).isEqualTo(3);
		}
	}

}
