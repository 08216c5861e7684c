package dev.fanout.metrics;

import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.WebTesting;
import dev.fanout.launch.Launcher;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator health and Prometheus metrics of {@code serve}: Spring Batch's timers and Fanout's own meters. */
class MetricsTests extends WebTesting {

	@Autowired
	Launcher launcher;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ObservationRegistry observations;

	@Test
	void healthIsUpWithTheDatabaseAndFanoutComponentsAndNeedsNoLogin() throws Exception {
		Response health = get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
		assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.json().path("components").path("fanout").path("status").asString()).isEqualTo("UP");
		assertThat(health.json().path("components").path("fanout").has("details")).as("details for the operator only").isFalse();
	}

	@Test
	void healthListsOrphanedExecutionsToTheOperator() throws Exception {
		JobExecution orphan = RepositoryFixtures.execution(this.jobRepository, "sensors", UniqueJobParameters.of(),
				BatchStatus.STARTED, LocalDateTime.now().minusHours(3));

		JsonNode fanout = getAsOperator("/actuator/health").json().path("components").path("fanout");

		assertThat(fanout.path("status").asString()).isEqualTo("UP");
		List<Long> orphans = fanout.path("details").path("orphanedExecutions").valueStream().map(JsonNode::asLong).toList();
		assertThat(orphans).contains(orphan.getId());
	}

	@Test
	void prometheusHasSpringBatchTimersAndFanoutsItemsPartitionsAndCellUpdates() throws Exception {
		double itemsBefore = sample("fanout_items_total\\{job=\"factorize\",step=\"factorizeWorker\"}");
		double cellsBefore = sample("fanout_life_cell_updates_total");
		double readingsBefore = sample("fanout_items_total\\{job=\"sensors\",step=\"sensorsWorker\"}");

		this.launcher.runNewInstance("factorize", List.of("threads=2"));
		this.launcher.runNewInstance("life", List.of());
		// Its chunk steps are made at run time, one per chunk size (SensorsWorkerStep): metered as beans are.
		this.launcher.runNewInstance("sensors", List.of("sensors=2", "readings=3", "readLatency=1ms"));

		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern("spring_batch_job_seconds_count\\{.*spring_batch_job_name=\"factorize\"")
			.containsPattern("spring_batch_step_seconds_count\\{.*spring_batch_step_name=\"factorizeWorker\"")
			.containsPattern("fanout_partitions_active\\{job=\"factorize\"} 0");
		assertThat(sample("fanout_items_total\\{job=\"factorize\",step=\"factorizeWorker\"}") - itemsBefore)
			.as("the four sample numbers").isEqualTo(4);
		assertThat(sample("fanout_life_cell_updates_total") - cellsBefore).as("the 5×9 glider, 4 generations")
			.isEqualTo(5 * 9 * 4);
		assertThat(sample("fanout_items_total\\{job=\"sensors\",step=\"sensorsWorker\"}") - readingsBefore)
			.as("2 sensors × 3 readings").isEqualTo(6);
	}

	@Test
	void partitionsAddToTheirStepsSeriesInsteadOfEachMakingItsOwn() throws Exception {
		// life's bands are partitions named after their round and band: one checkpoint per generation makes a new name
		// for each band of each generation, which made meters without bound over a long run.
		this.launcher.runNewInstance("life", List.of("generations=5", "partitions=2", "checkpoint=1"));
		this.launcher.runNewInstance("sensors", List.of("sensors=3", "readings=2"));

		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern("spring_batch_step_seconds_count\\{.*spring_batch_step_name=\"lifeBand\"")
			.containsPattern("spring_batch_item_read_seconds_count\\{.*spring_batch_item_read_step_name=\"sensorsWorker\"")
			.containsPattern("spring_batch_chunk_write_seconds_count\\{.*spring_batch_chunk_write_step_name=\"sensorsWorker\"")
			.doesNotContainPattern("step_name=\"[^\"]*:");
	}

	@Test
	void prometheusCountsFailedItemReadsBesideSuccessfulOnes() throws Exception {
		// A step like Fanout's (not fault-tolerant) whose third read fails, after two that succeed.
		int[] reads = { 0 };
		Job job = new JobBuilder("metricsFailingRead", this.jobRepository)
			.start(new StepBuilder("metricsFailingRead", this.jobRepository).<Integer, Integer>chunk(1)
				.reader(() -> {
					if (++reads[0] == 3) {
						throw new IllegalStateException("sensor unplugged");
					}
					return reads[0];
				})
				.writer((items) -> {
				})
				.transactionManager(this.transactionManager)
				.observationRegistry(this.observations)
				.build())
			.observationRegistry(this.observations)
			.build();

		JobExecution execution = this.jobOperator.start(job, UniqueJobParameters.of());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		String step = "spring_batch_item_read_step_name=\"metricsFailingRead\"";
		assertThat(get("/actuator/prometheus").body())
			.containsPattern("spring_batch_item_read_seconds_count\\{.*spring_batch_item_read_status=\"SUCCESS\",%s.*} 2"
				.formatted(step))
			.containsPattern("spring_batch_item_read_seconds_count\\{.*spring_batch_item_read_status=\"FAILURE\",%s.*} 1"
				.formatted(step));
	}

	/** The value of the first sample whose name and labels match, or 0 when there is none yet. */
	private double sample(String series) throws Exception {
		Matcher matcher = Pattern.compile("(?m)^" + series + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(get("/actuator/prometheus").body());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

}
