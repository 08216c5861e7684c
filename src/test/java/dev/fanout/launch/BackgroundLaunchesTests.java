package dev.fanout.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.fanout.batch.DescribedJob;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.core.FanoutProperties;
import dev.fanout.core.WebProperties;
import dev.fanout.launch.BackgroundLaunches.FailedLaunch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;

/** What {@code serve}'s launches tell it of themselves once their execution has started. */
class BackgroundLaunchesTests {

	/**
	 * A failure that escapes Spring Batch after the execution started is one of its bookkeeping (the end's write to a
	 * repository that no longer answers): {@code serve} must not call such a job stopped.
	 */
	@Test
	void aLaunchThatFailsAfterItsExecutionStartedIsKeptForServeToReport() throws Exception {
		Launcher launcher = mock(Launcher.class);
		Job job = mock(Job.class);
		given(launcher.job("sensors")).willReturn(job);
		given(launcher.parameters("sensors", Map.of(), false)).willReturn(new JobParameters());
		willReturn(new DescribedJob("sensors", "counts")).given(launcher).description("sensors");
		JobExecution execution = new JobExecution(41, new JobInstance(4, "sensors"), new JobParameters());
		given(launcher.start(any(), any(), any(), any())).willAnswer((invocation) -> {
			new ExecutionCreated().beforeJob(execution);
			throw new DataAccessResourceFailureException("Connection refused");
		});
		BackgroundLaunches launches = new BackgroundLaunches(launcher, mock(ExecutionStates.class),
				new WebProperties(new WebProperties.Operator("operator"), 2, List.of()),
				new FanoutProperties(Path.of("data")));
		assertThat(launches.takeFailedAfterStart()).isEmpty();

		long id = launches.start("sensors", Map.of(), false, LaunchOrigin.server("api", "operator", "127.0.0.1"));
		launches.shutdownAndWait();

		assertThat(id).isEqualTo(41);
		List<FailedLaunch> failed = launches.takeFailedAfterStart();
		assertThat(failed).singleElement().satisfies((launch) -> {
			assertThat(launch.executionId()).isEqualTo(41);
			assertThat(launch.jobName()).isEqualTo("sensors");
			assertThat(launch.failure()).contains("Connection refused");
		});
		assertThat(launches.takeFailedAfterStart()).as("taken once").isEmpty();
	}

}
