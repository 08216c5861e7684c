package dev.fanout;

import java.nio.file.Path;

import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/** What every run stopped by SIGTERM must look like, whatever the job. */
public final class StoppedRun {

	private StoppedRun() {
	}

	/**
	 * Asserts that the run ended with exit code 3 after saying it was stopping, its execution STOPPED with no step
	 * left running, its owner record gone; returns the execution id.
	 */
	public static long assertStoppedCleanly(Path data, CommandResult stopped) throws Exception {
		assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.STOPPED);
		assertThat(stopped.err()).contains("fanout: stopping at the next boundary; press Ctrl-C again to exit now");
		long execution = stopped.executionId();
		assertThat(stopped.out()).contains("Execution " + execution + " STOPPED")
			.contains("Restart it with: fanout restart " + execution);
		assertThat(RepositoryQueries.status(data, execution)).isEqualTo("STOPPED");
		assertThat(RepositoryQueries.runningSteps(data, execution)).as("steps left running").isEmpty();
		assertThat(RepositoryQueries.ownerRecords(data)).as("owner records left").isZero();
		return execution;
	}

}
