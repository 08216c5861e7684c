package dev.fanout.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import dev.fanout.Await;
import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.WebTesting;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.batch.ReadableFailures;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/executions/{id}/stop|restart|recover|abandon}: allowed only where Spring Batch allows them. */
class ExecutionActionsApiTests extends WebTesting {

	@Autowired
	JobRepository jobRepository;

	@Test
	void stopsARunningExecutionWhichEndsStoppedAndRestartsIt() throws Exception {
		Response launched = postAsOperator("/api/jobs/sensors/executions",
				"{\"parameters\": {\"sensors\": \"2\", \"readings\": \"400\", \"readLatency\": \"5ms\"}, \"newInstance\": true}");
		long id = launched.json().path("id").asLong();

		Response stop = postAsOperator("/api/executions/" + id + "/stop", null);
		assertThat(stop.status()).as(stop.toString()).isEqualTo(202);
		awaitStatus(id, "STOPPED");

		Response again = postAsOperator("/api/executions/" + id + "/stop", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().path("detail").asString()).isEqualTo("execution %d is STOPPED, not running; nothing to stop".formatted(id));

		Response restarted = postAsOperator("/api/executions/" + id + "/restart", null);
		assertThat(restarted.status()).as(restarted.toString()).isEqualTo(202);
		assertThat(restarted.json().path("launchedBy").asString()).isEqualTo("API: operator from 127.0.0.1");
		long second = restarted.json().path("id").asLong();
		assertThat(second).isNotEqualTo(id);
		assertThat(restarted.json().path("instanceId").asLong()).isEqualTo(launched.json().path("instanceId").asLong());
		awaitStatus(second, "COMPLETED");
	}

	@Test
	void restartingACompletedExecutionIsA409ThatSaysHowToLaunchAFreshInstanceWithTheParametersGiven() throws Exception {
		JobExecution completed = RepositoryFixtures.execution(this.jobRepository, "factorize",
				LaunchOrigin.schedule("nightly").applyTo(UniqueJobParameters.of("numbers", "12")), BatchStatus.COMPLETED,
				LocalDateTime.now());

		Response response = postAsOperator("/api/executions/" + completed.getId() + "/restart", null);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString()).contains("already completed")
			.endsWith("For a fresh instance with the same parameters: POST /api/jobs/factorize/executions with "
					+ "{\"parameters\": {\"numbers\": \"12\"}, \"newInstance\": true}")
			.doesNotContain("fanout ", "--new");
	}

	/** The refusals say what to send, and what they say to send is what the API takes. */
	@Test
	void refusalsOfALiveExecutionsRecoveryAndAbandonSayToStopItOrForceWithAQueryParameter() throws Exception {
		long id = RepositoryFixtures.execution(this.jobRepository, "factorize", UniqueJobParameters.of("numbers", "92"),
				BatchStatus.STARTED, LocalDateTime.now()).getId();

		assertThat(refusal(id, "recover"))
			.contains("Stop it with POST /api/executions/%d/stop; only if you are sure its process is dead, add ?force=true"
				.formatted(id))
			.doesNotContain("fanout ", "--force");
		assertThat(refusal(id, "abandon"))
			.endsWith("stop it first with POST /api/executions/%d/stop".formatted(id))
			.doesNotContain("fanout ");

		Response forced = postAsOperator("/api/executions/" + id + "/recover?force=true", null);
		assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
		assertThat(forced.json().path("status").asString()).isEqualTo("FAILED");
	}

	/**
	 * Force is for an owner that looks alive but is known dead; this server is the owner: ?force=true marked its
	 * running job FAILED under it, and the job ended UNKNOWN at its next commit.
	 */
	@Test
	void aForcedRecoveryOfAJobThisServerRunsIsA409ThatSaysToStopIt() throws Exception {
		Response launched = postAsOperator("/api/jobs/sensors/executions",
				"{\"parameters\": {\"sensors\": \"1\", \"readings\": \"600\", \"readLatency\": \"50ms\"}, \"newInstance\": true}");
		long id = launched.json().path("id").asLong();
		// Its steps run: the job's listeners, which record it as this process's, have run.
		Await.until("a step of " + id, Duration.ofSeconds(30),
				() -> !get("/api/executions/" + id).json().path("steps").isEmpty());

		Response forced = postAsOperator("/api/executions/" + id + "/recover?force=true", null);
		assertThat(forced.status()).as(forced.toString()).isEqualTo(409);
		assertThat(forced.json().path("detail").asString()).isEqualTo(("execution %d runs in this process (%d), which "
				+ "is alive: a forced recovery would let a second run start beside it; stop it with POST "
				+ "/api/executions/%d/stop").formatted(id, ProcessHandle.current().pid(), id));
		assertThat(get("/api/executions/" + id).json().path("execution").path("status").asString()).isEqualTo("STARTED");

		assertThat(postAsOperator("/api/executions/" + id + "/stop", null).status()).isEqualTo(202);
		awaitStatus(id, "STOPPED");
	}

	@Test
	void refusalsOfAnOrphanSayWhichRequestsRecoverAndRestartIt() throws Exception {
		long id = RepositoryFixtures.execution(this.jobRepository, "factorize", UniqueJobParameters.of("numbers", "93"),
				BatchStatus.STARTED, LocalDateTime.now().minusHours(2)).getId();

		assertThat(refusal(id, "stop"))
			.endsWith("there is nothing to stop; POST /api/executions/%d/recover marks it FAILED, ready for a restart"
				.formatted(id))
			.doesNotContain("fanout ");
		assertThat(refusal(id, "restart"))
			.contains("Recover it, then restart it: POST /api/executions/%d/recover, then POST /api/executions/%d/restart"
				.formatted(id, id))
			.doesNotContain("fanout ", "--");
		assertThat(refusal(id, "abandon"))
			.endsWith("recover it first (POST /api/executions/%d/recover), then abandon it".formatted(id))
			.doesNotContain("fanout ");
	}

	@Test
	void recoversAnOrphanedExecutionThenRefusesToRecoverItAgain() throws Exception {
		JobExecution orphan = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "91"), BatchStatus.STARTED, LocalDateTime.now().minusHours(2));
		JsonNode before = get("/api/executions/" + orphan.getId()).json().path("execution");
		assertThat(before.path("orphaned").asBoolean()).isTrue();

		Response recovered = postAsOperator("/api/executions/" + orphan.getId() + "/recover", null);

		assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
		assertThat(recovered.json().path("status").asString()).isEqualTo("FAILED");
		assertThat(recovered.json().path("orphaned").asBoolean()).isFalse();
		Response again = postAsOperator("/api/executions/" + orphan.getId() + "/recover", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().path("detail").asString()).contains("only an execution left running by a dead process");
	}

	@Test
	void abandonsAFailedExecutionButNotACompletedOne() throws Exception {
		JobExecution failed = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "15"), BatchStatus.FAILED, LocalDateTime.now());

		Response abandoned = postAsOperator("/api/executions/" + failed.getId() + "/abandon", null);
		assertThat(abandoned.status()).isEqualTo(200);
		assertThat(abandoned.json().path("status").asString()).isEqualTo("ABANDONED");

		Response again = postAsOperator("/api/executions/" + failed.getId() + "/abandon", null);
		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void anAbandonedExecutionSaysSoInItsExitDescriptionInsteadOfAdvisingARestart() throws Exception {
		JobExecution stopped = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "16"), BatchStatus.STOPPED, LocalDateTime.now());
		stopped.setExitStatus(ExitStatus.STOPPED.addExitDescription(ReadableFailures.STOPPED));
		this.jobRepository.update(stopped);
		long id = stopped.getId();

		Response abandoned = postAsOperator("/api/executions/" + id + "/abandon", null);

		assertThat(abandoned.status()).as(abandoned.toString()).isEqualTo(200);
		String expected = "abandoned: its instance never runs again; it had ended STOPPED: stopped on request "
				+ "(fanout stop, the dashboard's Stop, or a signal) at a step or chunk boundary";
		assertThat(abandoned.json().path("exitDescription").asString()).isEqualTo(expected);
		assertThat(get("/api/executions/" + id).json().path("execution").path("exitDescription").asString())
			.isEqualTo(expected);
		List<String> listed = new ArrayList<>();
		for (JsonNode item : get("/api/executions?job=factorize&status=ABANDONED&size=200").json().path("items")) {
			if (item.path("id").asLong() == id) {
				listed.add(item.path("exitDescription").asString());
			}
		}
		assertThat(listed).containsExactly(expected);
	}

	@Test
	void actionsOnAnUnknownExecutionAre404AndNeedTheOperator() throws Exception {
		assertThat(postAsOperator("/api/executions/987654321/stop", null).status()).isEqualTo(404);
		assertThat(post("/api/executions/987654321/stop", null, null).status()).isEqualTo(401);
		assertThat(post("/api/executions/1/abandon", null, basic("operator", "wrong")).status()).isEqualTo(401);
	}

	/** The problem detail of an action on the execution that the API refuses with a conflict. */
	private String refusal(long id, String action) throws Exception {
		Response response = postAsOperator("/api/executions/" + id + "/" + action, null);
		assertThat(response.status()).as(response.toString()).isEqualTo(409);
		return response.json().path("detail").asString();
	}

}
