package dev.fanout.launch;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

import dev.fanout.batch.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * An execution's progress is counted from the execution as its caller read it: the dashboard renders a page from one
 * read, and a progress read again later could say the run had ended while the page still showed it running.
 */
class ExecutionProgressTests {

	private final JobInstance instance = new JobInstance(3, "sensors");

	private final JobRepository repository = mock(JobRepository.class);

	private final Launcher launcher = mock(Launcher.class);

	@Test
	void countsTheExecutionAsReadNotAsTheRepositoryHasItSince() {
		JobExecution asRead = execution(7, BatchStatus.STARTED);
		JobExecution earlier = execution(6, BatchStatus.FAILED);
		given(this.repository.getJobExecutions(this.instance))
			.willReturn(List.of(execution(7, BatchStatus.COMPLETED), earlier));

		Progress progress = new ExecutionProgress(this.launcher, this.repository).of(asRead);

		assertThat(progress.executionId()).isEqualTo(7);
		assertThat(progress.status()).isEqualTo("STARTED");
		assertThat(progress.running()).isTrue();
	}

	@Test
	void anExecutionNoLongerInTheRepositoryIsCountedAlone() {
		JobExecution asRead = execution(7, BatchStatus.STARTED);
		given(this.repository.getJobExecutions(this.instance)).willReturn(List.of());

		Progress progress = new ExecutionProgress(this.launcher, this.repository).of(asRead);

		assertThat(progress.executionId()).isEqualTo(7);
		assertThat(progress.running()).isTrue();
	}

	private JobExecution execution(long id, BatchStatus status) {
		JobExecution execution = new JobExecution(id, this.instance, new JobParameters());
		execution.setStatus(status);
		execution.setStartTime(LocalDateTime.now());
		return execution;
	}

}
