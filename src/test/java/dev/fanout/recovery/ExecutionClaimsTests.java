package dev.fanout.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ExecutionClaimsTests {

	private final ExecutionOwners owners = mock(ExecutionOwners.class);

	private final JobRepository jobRepository = mock(JobRepository.class);

	private final ExecutionClaims claims = new ExecutionClaims(this.owners, mock(Heartbeat.class),
			new Orphans(this.owners, this.jobRepository, new RecoveryProperties(Duration.ofSeconds(5),
					Duration.ofSeconds(30), false)));

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

}
