package dev.fanout.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The orphan verdicts, from owner records made up for each case (the owner table itself: OwnerTableTests). */
class OrphansTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Orphans orphans = new Orphans(null, null,
			new RecoveryProperties(Duration.ofSeconds(5), TIMEOUT, false));

	@Test
	void anOwnerProcessOfThisHostThatIsGoneMakesAnOrphanAtOnce() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		ProcessIdentity gone = new ProcessIdentity(ProcessIdentity.current().host(), ProcessIdentity.current().node(), ended.pid(), null);

		Ownership ownership = this.orphans.judge(owner(gone, Duration.ZERO), LocalDateTime.now());

		assertThat(ownership.orphaned()).isTrue();
		assertThat(ownership.description()).isEqualTo("its process %d on %s is gone", ended.pid(), gone.host());
	}

	@Test
	void aLiveOwnerOfThisHostIsNeverOrphanedEvenWithALateHeartbeat() {
		Ownership ownership = this.orphans.judge(owner(ProcessIdentity.current(), Duration.ofHours(1)),
				LocalDateTime.now());

		assertThat(ownership.alive()).isTrue();
		assertThat(ownership.description()).contains("suspended or stalled");
	}

	@Test
	void aProcessThatReusedTheOwnersIdIsNotTheOwner() {
		ProcessIdentity me = ProcessIdentity.current();
		Instant earlier = Instant.now().minus(Duration.ofDays(3));

		Ownership ownership = this.orphans.judge(owner(new ProcessIdentity(me.host(), me.node(), me.pid(), earlier), Duration.ZERO),
				LocalDateTime.now());

		assertThat(ownership.orphaned()).isTrue();
	}

	@Test
	void anOwnerOnAnotherHostIsJudgedByItsHeartbeat() {
		ProcessIdentity elsewhere = new ProcessIdentity("another-host.example", "another-node", 4242, null);

		Ownership recent = this.orphans.judge(owner(elsewhere, TIMEOUT.minusSeconds(1)), LocalDateTime.now());
		Ownership late = this.orphans.judge(owner(elsewhere, TIMEOUT.plusSeconds(1)), LocalDateTime.now());

		assertThat(recent.alive()).isTrue();
		assertThat(late.orphaned()).isTrue();
		assertThat(late.description()).isEqualTo("no heartbeat from its process 4242 on another-host.example for 31 s");
	}

	/** Two machines or containers may share a host name; only the node says where a process id means something. */
	@Test
	void anOwnerOnAnotherNodeWithThisHostsNameIsJudgedByItsHeartbeatNotByThisHostsProcessTable() {
		ProcessIdentity me = ProcessIdentity.current();
		ProcessIdentity twin = new ProcessIdentity(me.host(), "another-node", me.pid(), me.start());

		Ownership late = this.orphans.judge(owner(twin, TIMEOUT.plusSeconds(1)), LocalDateTime.now());

		assertThat(twin.onThisHost()).isFalse();
		assertThat(late.orphaned()).as("its pid is alive here, but that is another process").isTrue();
	}

	@Test
	void anExecutionWithoutOwnerRecordIsOrphanedOnceOlderThanTheTimeout() {
		assertThat(this.orphans.judge(null, LocalDateTime.now().minusSeconds(5)).orphaned()).isFalse();
		Ownership old = this.orphans.judge(null, LocalDateTime.now().minus(TIMEOUT).minusSeconds(5));
		assertThat(old.orphaned()).isTrue();
		assertThat(old.description()).startsWith("no owner recorded and started 35 s ago");
	}

	/**
	 * A repository that failed under a run's steps' ends, then took the job's end (UNKNOWN) on another server: the run
	 * let its claim go as it ended. Recovery must not wait for a launch that is over.
	 */
	@Test
	void anExecutionEndedUnknownWithStepsLeftRunningAndNoOwnerIsOrphanedAtOnce() {
		JobExecution ended = new JobExecution(9, new JobInstance(4, "factorize"), new JobParameters());
		ended.setStatus(BatchStatus.UNKNOWN);
		ended.setStartTime(LocalDateTime.now().minusSeconds(2));
		StepExecution manager = new StepExecution(11L, "factorizeManager", ended);
		manager.setStatus(BatchStatus.STARTED);
		ended.addStepExecution(manager);

		Ownership ownership = this.orphans.judge(ended, null);

		assertThat(ownership.orphaned()).isTrue();
		assertThat(ownership.description()).isEqualTo("it ended UNKNOWN: its process could not record how it ended");
	}

	/** A launch claims its instance, Spring Batch creates the execution, and only then is it recorded on the claim. */
	@Test
	void anExecutionNotYetRecordedOnItsClaimIsJudgedByTheClaimOfItsInstance() throws Exception {
		ExecutionOwners owners = mock(ExecutionOwners.class);
		Orphans withOwners = new Orphans(owners, null, new RecoveryProperties(Duration.ofSeconds(5), TIMEOUT, false));
		JobParameters parameters = new JobParametersBuilder().addString("pattern", "life/glider.txt").toJobParameters();
		JobExecution created = new JobExecution(9, new JobInstance(4, "life"), parameters);
		created.setStatus(BatchStatus.STARTING);
		created.setCreateTime(LocalDateTime.now());
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		ProcessIdentity me = ProcessIdentity.current();
		ProcessIdentity gone = new ProcessIdentity(me.host(), me.node(), ended.pid(), null);

		given(owners.all()).willReturn(List.of(claim("life", ExecutionClaims.instanceKey(parameters), me),
				claim("life", ExecutionClaims.instanceKey(new JobParameters()), gone)));
		Ownership claimed = withOwners.of(created);
		given(owners.all()).willReturn(List.of(claim("life", ExecutionClaims.instanceKey(parameters), gone)));
		Ownership claimerGone = withOwners.of(created);

		assertThat(claimed.alive()).isTrue();
		assertThat(claimed.description()).startsWith("running in " + me);
		assertThat(claimerGone.orphaned()).isTrue();
		assertThat(claimerGone.description()).isEqualTo("its %s is gone", gone);
	}

	@Test
	void anOrphanTimeoutShorterThanTwoHeartbeatsIsRefusedWithBothSettingsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(8), false))
			.withMessageContaining("fanout.recovery.orphan-timeout")
			.withMessageContaining("fanout.recovery.heartbeat");
	}

	private static OwnerRecord claim(String jobName, String jobKey, ProcessIdentity process) {
		Instant now = Instant.now();
		return new OwnerRecord(jobName, jobKey, null, process, now, now, Duration.ZERO);
	}

	private static OwnerRecord owner(ProcessIdentity process, Duration heartbeatAge) {
		Instant heartbeat = Instant.now().minus(heartbeatAge);
		return new OwnerRecord("life", "0123456789abcdef0123456789abcdef", 7L, process, heartbeat, heartbeat,
				heartbeatAge);
	}

}
