package dev.fanout.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
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

}
