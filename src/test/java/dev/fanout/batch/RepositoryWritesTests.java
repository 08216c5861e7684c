package dev.fanout.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * A job's update of its own execution that a stop's mark overtook: Spring Batch read the row's version, the stop's
 * one statement marked the row STOPPING with the next version, and the update, made against the version read, fails.
 */
class RepositoryWritesTests {

	private final JobRepository repository = mock(JobRepository.class);

	/** The row as the repository holds it: its status, and the updates that got through. */
	private final List<BatchStatus> written = new ArrayList<>();

	private final JobRepository writes = RepositoryWrites.around(this.repository,
			new RepositoryWrites(this.repository, TransactionOperations::withoutTransaction) {

				@Override
				protected boolean beforeWrite(Object written) {
					return true;
				}

			});

	@Test
	void anUpdateThatAStopsMarkOvertookIsWrittenAgainAndReadsTheMark() {
		JobExecution ending = ending();
		overtakenOnce(BatchStatus.STOPPING);

		this.writes.update(ending);

		assertThat(this.written).containsExactly(BatchStatus.COMPLETED);
	}

	@Test
	void anUpdateOvertakenByAnythingElseFailsAsBefore() {
		JobExecution ending = ending();
		overtakenOnce(BatchStatus.FAILED); // recovered with --force meanwhile

		assertThatThrownBy(() -> this.writes.update(ending)).isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(this.written).isEmpty();
	}

	private static JobExecution ending() {
		JobExecution execution = new JobExecution(6, new JobInstance(4, "openssl"), new JobParameters());
		execution.setStatus(BatchStatus.COMPLETED);
		execution.setEndTime(LocalDateTime.now());
		return execution;
	}

	/** The first update fails as Spring Batch's does when the row changed under it; the row then says {@code now}. */
	private void overtakenOnce(BatchStatus now) {
		JobExecution stored = new JobExecution(6, new JobInstance(4, "openssl"), new JobParameters());
		stored.setStatus(now);
		given(this.repository.getJobExecution(6L)).willReturn(stored);
		willAnswer((call) -> {
			throw new OptimisticLockingFailureException(
					"Attempt to update job execution id=6 with wrong version (1), where current version is 2");
		}).willAnswer((call) -> this.written.add(call.<JobExecution>getArgument(0).getStatus()))
			.given(this.repository)
			.update(any(JobExecution.class));
	}

}
