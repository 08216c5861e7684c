package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.fanout.launch.ExecutionCreated;
import dev.fanout.launch.ExecutionProgress;

import static org.assertj.core.api.Assertions.assertThat;
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
		ProgressMonitor monitor = new ProgressMonitor(mock(SignalStop.class), progress);

		JobExecution ended = monitor.run("life", (notices) -> launch(polledAgain), new PrintWriter(out),
				new PrintWriter(new StringWriter()), false);

		assertThat(ended).isSameAs(this.execution);
		assertThat(polledAgain.getCount()).as("polled again after the failure").isZero();
		assertThat(out.toString()).contains("Started execution 7 of life");
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
