package dev.fanout.batch;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** Who launched an execution: a non-identifying parameter of its own, replaced by each launch. */
class LaunchOriginTests {

	private static final JobParameters GIVEN = new JobParametersBuilder().addString("threads", "2")
		.addString(JobDescription.RUN_ID, "7")
		.toJobParameters();

	@Test
	void isAddedAsANonIdentifyingParameterBesideTheGivenOnes() {
		JobParameters launched = LaunchOrigin.schedule("nightly").applyTo(GIVEN);

		assertThat(LaunchOrigin.of(launched)).isEqualTo("schedule: nightly");
		assertThat(launched.getParameter(LaunchOrigin.PARAMETER).identifying()).isFalse();
		assertThat(launched.getIdentifyingParameters()).isEqualTo(GIVEN.getIdentifyingParameters());
		assertThat(LaunchOrigin.without(launched).parameters()).containsExactlyInAnyOrderElementsOf(GIVEN.parameters());
	}

	@Test
	void aRestartReplacesTheOriginOfTheExecutionItRestarts() {
		JobParameters first = LaunchOrigin.commandLine("alice", "build-1").applyTo(GIVEN);

		JobParameters restart = LaunchOrigin.server("API", "operator", "10.0.0.5").applyTo(first);

		assertThat(LaunchOrigin.of(first)).isEqualTo("command line: alice on build-1");
		assertThat(LaunchOrigin.of(restart)).isEqualTo("API: operator from 10.0.0.5");
		assertThat(restart.parameters()).hasSize(GIVEN.parameters().size() + 1);
	}

	@Test
	void saysNothingForAnExecutionLaunchedBeforeOriginsWereRecorded() {
		assertThat(LaunchOrigin.of(GIVEN)).isEmpty();
		assertThat(LaunchOrigin.without(GIVEN)).isSameAs(GIVEN);
	}

	@Test
	void aCallerWithoutLoginIsSaidSo() {
		assertThat(LaunchOrigin.server("dashboard", null, "127.0.0.1").description())
			.isEqualTo("dashboard: no login from 127.0.0.1");
	}

	/** A user or host name is shown on terminals and pages: no escape sequence gets through, and it stays short. */
	@Test
	void controlCharactersBecomeQuestionMarksAndALongNameIsCut() {
		assertThat(LaunchOrigin.commandLine("eve\u001b[2J", "host\nname").description())
			.isEqualTo("command line: eve?[2J on host?name");
		assertThat(LaunchOrigin.commandLine("u".repeat(500), "h").description()).hasSize(200);
	}

}
