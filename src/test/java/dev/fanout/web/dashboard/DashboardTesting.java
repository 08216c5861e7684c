package dev.fanout.web.dashboard;

import java.time.LocalDateTime;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;
import dev.fanout.launch.Launcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the dashboard's tests: the application as {@code serve} starts it, on a random port, with an operator
 * password; the subclasses share the one context and data directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "fanout.serving=true",
				"fanout.web.operator.password=" + DashboardTesting.PASSWORD,
				// Listed on the executions page, never fired: the tests launch what they need.
				"fanout.scheduler.enabled=false", "fanout.schedules[0].name=every-5-s", "fanout.schedules[0].job=sensors",
				"fanout.schedules[0].cron=*/5 * * * * *", "fanout.schedules[0].zone=UTC" })
abstract class DashboardTesting {

	static final String PASSWORD = "dashboard-operator-secret";

	@LocalServerPort
	protected int port;

	@Autowired
	protected Launcher launcher;

	@Autowired
	protected JobRepository jobRepository;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("DashboardTesting").toString());
	}

	protected String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** Runs a new instance of the job to its end in this thread, as {@code run --new} would. */
	protected JobExecution run(String job, Map<String, String> parameters) {
		JobExecution execution = this.launcher.start(this.launcher.job(job), this.launcher.parameters(job, parameters, true),
				Launcher.commandLine(), (notice) -> {
				});
		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		return execution;
	}

	/**
	 * A new instance with one FAILED execution that ran no step, written straight into the repository: what a run
	 * that failed at once leaves; restarting it runs the job from the start with the same parameters.
	 */
	protected JobExecution failed(String job, Map<String, String> parameters) {
		JobParameters jobParameters = this.launcher.parameters(job, parameters, true);
		JobInstance instance = this.jobRepository.createJobInstance(job, jobParameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, jobParameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusSeconds(5));
		execution.setEndTime(LocalDateTime.now().minusSeconds(4));
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription("the input disk went away (test fixture)"));
		this.jobRepository.update(execution);
		return execution;
	}

}
