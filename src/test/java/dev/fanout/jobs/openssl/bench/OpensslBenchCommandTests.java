package dev.fanout.jobs.openssl.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.ProcessTree;
import dev.fanout.jobs.openssl.chain.Secret;

import static org.assertj.core.api.Assertions.assertThat;

class OpensslBenchCommandTests {

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void anInterruptedShellRunEndsBashAndTheChainsItStarted() throws Exception {
		try (ProcessTree tree = ProcessTree.in(this.directory)) {
			Throwable ended = tree.interruptWhileItRuns(() -> {
				OpensslBenchCommand.shell(tree.script(), this.directory, new Secret("FANOUT_TEST_PASSWORD", "x"));
				return null;
			});

			assertThat(ended).isInstanceOf(InterruptedException.class);
			assertThat(tree.anyAlive()).as("bash or its child (pid %d) is left", tree.sleeper()).isFalse();
		}
	}

}
