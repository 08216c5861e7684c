package dev.fanout.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import dev.fanout.UniqueJobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ExecutionClaimsTests {

	private final ExecutionOwners owners = mock(ExecutionOwners.class);

	private final JobRepository jobRepository = mock(JobRepository.class);

	private final RecoveryProperties properties = new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30),
			false);

	private final ExecutionClaims claims = new ExecutionClaims(this.owners, mock(Heartbeat.class),
			new Orphans(this.owners, this.jobRepository, this.properties));

	/** A lock or pool timeout says nothing about the holder: the launch fails, the live claim stays. */
	@Test
	void aDatabaseFailureWhileJudgingTheHolderNeverReleasesItsClaim() {
		OwnerRecord holder = new OwnerRecord("factorize", "key", 7L, new ProcessIdentity("elsewhere", "node", 42, null),
				Instant.now(), Instant.now(), Duration.ZERO);
		given(this.owners.insert(anyString(), anyString(), isNull())).willReturn(false);
		given(this.owners.byKey(anyString(), anyString())).willReturn(Optional.of(holder));
		given(this.jobRepository.getJobExecution(anyLong())).willThrow(new QueryTimeoutException("lock timeout"));

		assertThatThrownBy(() -> this.claims.claim("factorize", new JobParameters()))
			.isInstanceOf(QueryTimeoutException.class);
		verify(this.owners, never()).deleteStale(any());
	}

	/**
	 * The repository failed as a launch in 'serve' ended: its claim's row stays, naming this live process, and the
	 * process table alone would call the execution running here for as long as the server runs.
	 */
	@Test
	void aClaimThisProcessCouldNotDeleteOrphansItsExecutionUntilClaimedAgain() throws Exception {
		Heartbeat heartbeat = new Heartbeat(mock(DataSource.class), this.properties);
		Orphans orphans = new Orphans(this.owners, this.jobRepository, this.properties, heartbeat);
		ExecutionClaims claims = new ExecutionClaims(this.owners, heartbeat, orphans);
		given(this.owners.insert(anyString(), anyString(), isNull())).willReturn(true);
		willThrow(new DataAccessResourceFailureException("Database is already closed")).given(this.owners)
			.deleteOwn(anyString(), anyString());
		try {
			JobParameters instance = UniqueJobParameters.of("sensors", "2");
			ExecutionClaims.Claim launch = claims.claim("sensors", instance);
			OwnerRecord row = new OwnerRecord("sensors", launch.jobKey(), 7L, ProcessIdentity.current(),
					Instant.now(), Instant.now(), Duration.ofSeconds(40));
			assertThat(orphans.judge(row, LocalDateTime.now()).alive()).as("while its launch runs").isTrue();

			assertThatThrownBy(launch::close).isInstanceOf(DataAccessResourceFailureException.class);

			Ownership left = orphans.judge(row, LocalDateTime.now());
			assertThat(left.orphaned()).isTrue();
			assertThat(left.description()).isEqualTo("its %s no longer runs it: the launch there ended without "
					+ "recording how (the job repository failed)", ProcessIdentity.current());

			claims.claim("sensors", instance); // the row deleted meanwhile (recovered), a restart claims it again
			assertThat(orphans.judge(row, LocalDateTime.now()).alive()).as("its restart runs here").isTrue();
		}
		finally {
			heartbeat.destroy();
		}
	}

	/**
	 * 'serve' restarts an instance whose execution its repository already shows FAILED while the launch that ran it
	 * is still ending (Spring Batch records the end before the job's listeners run, and the launch releases its claim
	 * after them). Both claims are this process's, and a claim's release deletes this process's row of the instance:
	 * had the restart replaced the ending launch's row as a stale one, that release would then have deleted the
	 * restart's row and heartbeat, leaving its execution without an owner for other processes to take as orphaned.
	 */
	@Test
	void aRestartWaitsUntilTheEndingLaunchInThisProcessHasReleasedItsClaim() throws Exception {
		Heartbeat heartbeat = new Heartbeat(mock(DataSource.class), this.properties);
		OwnerTable table = new OwnerTable(this.owners);
		JobParameters instance = UniqueJobParameters.of("life", "1");
		JobExecution ended = new JobExecution(7, new JobInstance(3, "life"), instance);
		ended.setStatus(BatchStatus.FAILED);
		given(this.jobRepository.getJobExecution(7L)).willReturn(ended);
		ExecutionClaims claims = new ExecutionClaims(this.owners, heartbeat,
				new Orphans(this.owners, this.jobRepository, this.properties, heartbeat));
		try {
			ExecutionClaims.Claim ending = claims.claim("life", instance);
			claims.attach(ended);
			CountDownLatch holderSeen = table.seeingTheHolder();

			CompletableFuture<ExecutionClaims.Claim> restart = CompletableFuture.supplyAsync(
					() -> claims.claim("life", instance));
			assertThat(holderSeen.await(30, TimeUnit.SECONDS)).as("the restart found the ending launch's row").isTrue();
			ending.close();
			ExecutionClaims.Claim restarted = restart.get(30, TimeUnit.SECONDS);

			assertThat(table.row.get()).as("the restart's row").isNotNull();
			assertThat(table.row.get().executionId()).isNull();
			assertThat(heartbeat.leftBehindClaim("life/" + restarted.jobKey())).isFalse();
			claims.attach(new JobExecution(8, new JobInstance(3, "life"), instance));
			assertThat(heartbeat.runningExecutions()).containsExactly(8L);
		}
		finally {
			heartbeat.destroy();
		}
	}

	/** Its row refused while the ending launch holds it; with no wait at all, the restart is refused at once. */
	@Test
	void aRestartThatCannotWaitIsRefusedWhileTheEndingLaunchInThisProcessHoldsItsClaim() throws Exception {
		Heartbeat heartbeat = new Heartbeat(mock(DataSource.class), this.properties);
		OwnerTable table = new OwnerTable(this.owners);
		JobParameters instance = UniqueJobParameters.of("life", "2");
		JobExecution ended = new JobExecution(7, new JobInstance(3, "life"), instance);
		ended.setStatus(BatchStatus.STOPPED);
		given(this.jobRepository.getJobExecution(7L)).willReturn(ended);
		ExecutionClaims claims = new ExecutionClaims(this.owners, heartbeat,
				new Orphans(this.owners, this.jobRepository, this.properties, heartbeat), Duration.ZERO);
		try {
			ExecutionClaims.Claim ending = claims.claim("life", instance);
			claims.attach(ended);

			assertThatThrownBy(() -> claims.claim("life", instance)).isInstanceOf(ClaimRefusedException.class);
			assertThat(table.row.get().executionId()).as("the ending launch's row, untouched").isEqualTo(7L);

			ending.close();
			assertThat(table.row.get()).isNull();
			claims.claim("life", instance);
			assertThat(table.row.get()).isNotNull();
		}
		finally {
			heartbeat.destroy();
		}
	}

	/** Likewise for the claim a listener made for an execution launched without one (a chapter's item). */
	@Test
	void aRestartIsRefusedWhileTheEndingExecutionsListenerClaimInThisProcessIsUnreleased() throws Exception {
		Heartbeat heartbeat = new Heartbeat(mock(DataSource.class), this.properties);
		OwnerTable table = new OwnerTable(this.owners);
		JobParameters instance = UniqueJobParameters.of("life", "3");
		JobExecution ended = new JobExecution(9, new JobInstance(4, "life"), instance);
		ended.setStatus(BatchStatus.FAILED);
		given(this.jobRepository.getJobExecution(9L)).willReturn(ended);
		ExecutionClaims claims = new ExecutionClaims(this.owners, heartbeat,
				new Orphans(this.owners, this.jobRepository, this.properties, heartbeat), Duration.ZERO);
		try {
			claims.attach(ended);
			assertThat(table.row.get().executionId()).as("claimed by the listener").isEqualTo(9L);

			assertThatThrownBy(() -> claims.claim("life", instance)).isInstanceOf(ClaimRefusedException.class);

			claims.ended(ended);
			assertThat(table.row.get()).isNull();
			claims.claim("life", instance);
			assertThat(table.row.get()).isNotNull();
		}
		finally {
			heartbeat.destroy();
		}
	}

	/** The owner table as the mocked {@link ExecutionOwners} keeps it: one instance's row, or none. */
	private static final class OwnerTable {

		final AtomicReference<OwnerRecord> row = new AtomicReference<>();

		private final AtomicReference<CountDownLatch> holderSeen = new AtomicReference<>(new CountDownLatch(1));

		OwnerTable(ExecutionOwners owners) {
			given(owners.insert(anyString(), anyString(), any())).willAnswer((call) -> this.row.compareAndSet(null,
					record(call.getArgument(0), call.getArgument(1), call.getArgument(2))));
			given(owners.attach(anyString(), anyString(), anyLong())).willAnswer((call) -> {
				OwnerRecord current = this.row.get();
				return current != null && this.row.compareAndSet(current,
						record(current.jobName(), current.jobKey(), call.getArgument(2)));
			});
			given(owners.byKey(anyString(), anyString())).willAnswer((call) -> {
				Optional<OwnerRecord> current = Optional.ofNullable(this.row.get());
				this.holderSeen.get().countDown();
				return current;
			});
			willAnswer((call) -> this.row.getAndSet(null)).given(owners).deleteOwn(anyString(), anyString());
			willAnswer((call) -> this.row.compareAndSet(call.getArgument(0), null)).given(owners)
				.deleteStale(any());
		}

		CountDownLatch seeingTheHolder() {
			CountDownLatch seen = new CountDownLatch(1);
			this.holderSeen.set(seen);
			return seen;
		}

		private static OwnerRecord record(String job, String key, Long execution) {
			return new OwnerRecord(job, key, execution, ProcessIdentity.current(), Instant.now(), Instant.now(),
					Duration.ZERO);
		}

	}

}
