package dev.fanout.schedule;

import java.time.Instant;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.CapturedLog;
import dev.fanout.launch.ExecutionRules;
import dev.fanout.launch.Launcher;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Heartbeat;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

/** What serve's log says of a firing whose launch was refused. */
class ScheduleFiringTests {

	private final CapturedLog log = new CapturedLog(ScheduleFiring.class);

	@AfterEach
	void detach() {
		this.log.close();
	}

	@Test
	void aRefusedFiringIsLoggedInTheApisWordsNotWithCommandLineOptionsAFiringHasNoUseFor() {
		ExecutionClaims claims = mock(ExecutionClaims.class);
		when(claims.claim(any(), any())).thenAnswer((call) -> new ExecutionClaims.Claim("schedule:nightly", "k", claims));
		Launcher launcher = mock(Launcher.class);
		when(launcher.start(any(), any(), any(), any())).thenThrow(ExecutionRules.running(12, "factorize",
				BatchStatus.STARTED, new Ownership(Ownership.State.ORPHANED, "its process 42 is gone", null))
			.failure());
		ScheduleFiring firing = new ScheduleFiring(launcher, claims, mock(ScheduleRuns.class));
		Schedule nightly = TestSchedules.of("nightly", "0 0 2 * * *", "UTC", Misfire.SKIP);

		FiringOutcome outcome = firing.fire(nightly, Instant.parse("2030-01-01T02:00:00Z"));

		assertThat(outcome).isEqualTo(FiringOutcome.FAILED);
		assertThat(this.log.events()).last().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).startsWith("Firing nightly@")
				.contains("POST /api/executions/12/recover, then POST /api/executions/12/restart")
				.contains("a server with fanout.recovery.auto=true does both by itself");
		});
		assertThat(this.log.messages()).noneMatch((line) -> line.contains("'fanout ") || line.contains("--fanout"));
	}

	/** The execution's end as the server's surfaces name the way on: its Restart button, its API request. */
	@Test
	void aFailedFiringIsLoggedWithTheServersWayToRestartItNotTheCommandLines() {
		// A real one (its claims' release needs its state), whose claim is granted without a repository.
		ExecutionClaims claims = spy(new ExecutionClaims(mock(ExecutionOwners.class), mock(Heartbeat.class),
				mock(Orphans.class)));
		doAnswer((call) -> new ExecutionClaims.Claim("schedule:nightly", "k", claims)).when(claims).claim(any(), any());
		JobExecution failed = new JobExecution(31L, new JobInstance(5L, "factorize"), new JobParameters());
		failed.setStatus(BatchStatus.FAILED);
		failed.setExitStatus(ExitStatus.FAILED.addExitDescription("numbers.txt line 3: 'x' is not a number"));
		Launcher launcher = mock(Launcher.class);
		when(launcher.start(any(), any(), any(), any())).thenReturn(failed);
		ScheduleFiring firing = new ScheduleFiring(launcher, claims, mock(ScheduleRuns.class));

		FiringOutcome outcome = firing.fire(TestSchedules.of("nightly", "0 0 2 * * *", "UTC", Misfire.SKIP),
				Instant.parse("2030-01-01T02:00:00Z"));

		assertThat(outcome).isEqualTo(FiringOutcome.LAUNCHED);
		assertThat(this.log.events()).last().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).isEqualTo("Firing nightly@2030-01-01T02:00:00Z: execution 31 "
					+ "FAILED: numbers.txt line 3: 'x' is not a number (after fixing the cause, restart it: the Restart "
					+ "button on its page, or POST /api/executions/31/restart)");
		});
		assertThat(this.log.messages()).noneMatch((line) -> line.contains("fanout "));
	}

}
