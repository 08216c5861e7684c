package dev.fanout.history;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;
import dev.fanout.recovery.RecoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A long run read just before it ended and judged just after: its process records the end, then deletes its owner
 * record, so the run looked orphaned (the dashboard showed it so until its next refresh). Read again, it has ended.
 */
class ExecutionReadTests {

	private static final long ID = 9;

	private final JobRepository repository = mock(JobRepository.class);

	private final ExecutionOwners owners = mock(ExecutionOwners.class);

	private final ExecutionQueries queries = mock(ExecutionQueries.class);

	private final ExecutionHistory history = new ExecutionHistory(this.repository,
			new Orphans(this.owners, this.repository,
					new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), false)),
			this.queries);

	@Test
	void aRunThatEndedBetweenItsReadAndItsOwnersReadIsReadAgainAndShownEnded() {
		given(this.owners.all()).willReturn(List.of()); // its process deleted its record as it ended
		given(this.repository.getJobExecution(ID)).willReturn(execution(BatchStatus.STARTED),
				execution(BatchStatus.COMPLETED));

		ExecutionHistory.Read read = this.history.read(ID);

		assertThat(read.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(read.ownership().state()).isEqualTo(Ownership.State.ENDED);
	}

	@Test
	void theHistoryListsSuchARunEndedToo() {
		given(this.owners.all()).willReturn(List.of());
		given(this.queries.ids(any(), anyInt(), anyInt())).willReturn(List.of(ID));
		given(this.queries.ended(List.of(ID))).willReturn(Map.of());
		given(this.repository.getJobExecution(ID)).willReturn(execution(BatchStatus.STARTED),
				execution(BatchStatus.COMPLETED));

		assertThat(this.history.list(null, null, 10)).singleElement().satisfies((summary) -> {
			assertThat(summary.status()).isEqualTo("COMPLETED");
			assertThat(summary.orphaned()).isFalse();
		});
	}

	@Test
	void aRunStillRunningWithoutAnOwnerIsAnOrphan() {
		given(this.owners.all()).willReturn(List.of());
		given(this.repository.getJobExecution(ID)).willReturn(execution(BatchStatus.STARTED));

		ExecutionHistory.Read read = this.history.read(ID);

		assertThat(read.execution().getStatus()).isEqualTo(BatchStatus.STARTED);
		assertThat(read.ownership().orphaned()).isTrue();
		assertThat(read.ownership().description()).startsWith("no owner recorded and started 60 min ago");
	}

	private static JobExecution execution(BatchStatus status) {
		JobExecution execution = new JobExecution(ID, new JobInstance(4, "life"), new JobParameters());
		execution.setStatus(status);
		execution.setStartTime(LocalDateTime.now().minusHours(1));
		if (!status.isRunning()) {
			execution.setEndTime(LocalDateTime.now());
		}
		return execution;
	}

}
