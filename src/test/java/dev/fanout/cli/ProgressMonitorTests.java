package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.ExecutionCreated;
import dev.fanout.launch.ExecutionProgress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ProgressMonitorTests {

	private final JobExecution execution = new JobExecution(7, new JobInstance(3, "life"), new JobParameters());

	/**
	 * A poll of the repository that fails (here: no pooled connection in time) is skipped: the launch goes on and its
	 * execution is reported when it ends, where the failure used to end the process with the job still running in it.
	 */
	@Test
	void aProgressPollThatFailsIsSkippedAndTheLaunchIsFollowedToItsEnd() {
		ExecutionProgress progress = mock(ExecutionProgress.class);
		CountDownLatch polledAgain = new CountDownLatch(1);
		given(progress.of(any(JobInstance.class), anyLong()))
			.willThrow(new DataAccessResourceFailureException("Connection is not available, request timed out"))
			.willAnswer((invocation) -> {
				polledAgain.countDown();
				return null;
			});
		StringWriter out = new StringWriter();
		ProgressMonitor monitor = new ProgressMonitor(mock(SignalStop.class), progress, new MockEnvironment());

		JobExecution ended = monitor.run("life", (notices) -> launch(polledAgain), new PrintWriter(out),
				new PrintWriter(new StringWriter()), false);

		assertThat(ended).isSameAs(this.execution);
		assertThat(polledAgain.getCount()).as("polled again after the failure").isZero();
		assertThat(out.toString()).contains("Started execution 7 of life");
	}

	/**
	 * A launch that fails because the repository's server went away while the job ran says so, that the execution is
	 * left running in the repository and how to go on, instead of the driver's advice (H2's DB_CLOSE_ON_EXIT).
	 */
	@Test
	void aRepositoryLostDuringTheRunLeavesTheExecutionToRecoverAndRestartAndSaysSo() {
		RuntimeException lost = new DataAccessResourceFailureException("PreparedStatementCallback",
				new SQLNonTransientConnectionException("Database is already closed (to disable automatic closing at "
						+ "VM shutdown, add \";DB_CLOSE_ON_EXIT=FALSE\" to the db URL)", "90121"));

		assertThatExceptionOfType(CommandFailure.class)
			.isThrownBy(() -> monitor(new MockEnvironment()).run("life", (notices) -> failing(lost),
					new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false))
			.withMessage("the job repository's server stopped or stopped answering during the run, so execution 7 is "
					+ "left running in the repository: 'fanout recover 7' (or 'fanout recover --orphans') marks it "
					+ "FAILED, then 'fanout restart 7' resumes it (details in the log file)")
			.satisfies((failure) -> assertThat(failure.exitCode()).isEqualTo(ExitCodes.FAILED));

		MockEnvironment postgres = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://fanout:secret@db:5432/fanout?password=secret");
		assertThatExceptionOfType(CommandFailure.class)
			.isThrownBy(() -> monitor(postgres).run("life", (notices) -> failing(lost),
					new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false))
			.withMessageStartingWith("the connection to the job repository at jdbc:postgresql://db:5432/fanout was "
					+ "lost during the run, so execution 7 is left running in the repository")
			.withMessageNotContaining("secret");
	}

	@Test
	void anyOtherFailureOfTheLaunchIsThrownAsItIs() {
		IllegalStateException other = new IllegalStateException("disk full");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> monitor(new MockEnvironment()).run("life", (notices) -> failing(other),
					new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false))
			.isSameAs(other);
	}

	@Test
	void anErrorOfTheLaunchIsThrownToTheCallerAsItIs() {
		StackOverflowError error = new StackOverflowError("deep");

		assertThatExceptionOfType(StackOverflowError.class)
			.isThrownBy(() -> monitor(new MockEnvironment()).run("life", (notices) -> {
				new ExecutionCreated().beforeJob(this.execution);
				throw error;
			}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false))
			.isSameAs(error);
	}

	private static ProgressMonitor monitor(MockEnvironment environment) {
		return new ProgressMonitor(mock(SignalStop.class), mock(ExecutionProgress.class), environment);
	}

	/** A launch whose job starts, then fails as Spring Batch tries to record its end. */
	private JobExecution failing(RuntimeException failure) {
		new ExecutionCreated().beforeJob(this.execution);
		throw failure;
	}

	/** What Spring Batch does on the launching thread: tells the execution as the job starts, then runs it. */
	private JobExecution launch(CountDownLatch polledAgain) {
		new ExecutionCreated().beforeJob(this.execution);
		try {
			assertThat(polledAgain.await(30, TimeUnit.SECONDS)).as("the monitor polled again").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.execution;
	}

}
