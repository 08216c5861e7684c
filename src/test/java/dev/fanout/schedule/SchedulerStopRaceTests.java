package dev.fanout.schedule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.Await;
import dev.fanout.FanoutApplication;
import dev.fanout.RepositoryQueries;
import dev.fanout.TestDataDirectories;
import dev.fanout.launch.ExecutionStopper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's stop at shutdown meets a repository failure (forced here on the stop's first read of the execution,
 * as a dropped connection would): the sweep asks again, and the job ends STOPPED instead of being left running past
 * {@code fanout.shutdown.timeout}.
 */
class SchedulerStopRaceTests {

	/** The stop's reads refused so far; the first one is. */
	static final AtomicInteger refusedStops = new AtomicInteger();

	@Configuration(proxyBeanMethods = false)
	static class RacingRepository {

		@Bean
		static BeanPostProcessor failTheStopsFirstRead() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof JobRepository repository) ? racing(repository) : bean;
				}

			};
		}

		private static JobRepository racing(JobRepository repository) {
			return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
					new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
						if (method.getName().equals("getJobExecution") && calledByTheStopper()
								&& refusedStops.compareAndSet(0, 1)) {
							throw new DataAccessResourceFailureException("connection refused");
						}
						try {
							return method.invoke(repository, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	private static boolean calledByTheStopper() {
		return StackWalker.getInstance()
			.walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().equals(ExecutionStopper.class.getName())));
	}

	@Test
	void aStopThatMeetsARepositoryFailureIsAskedAgainAndTheScheduledJobEndsStopped() throws Exception {
		Path data = TestDataDirectories.fresh("SchedulerStopRaceTests");
		long closing;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FanoutApplication.class,
				RacingRepository.class).run("--fanout.data-dir=" + data, "--fanout.serving=true",
						"--fanout.scheduler.launch-threads=1", "--fanout.shutdown.timeout=60s",
						"--fanout.sensors.chunk-size=5", "--fanout.schedules[0].name=long",
						"--fanout.schedules[0].job=sensors", "--fanout.schedules[0].cron=* * * * * *",
						"--fanout.schedules[0].parameters.sensors=2",
						"--fanout.schedules[0].parameters.readings=1000000",
						"--fanout.schedules[0].parameters.readLatency=5ms")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Await.until("a firing of 'long' running", Duration.ofSeconds(30),
					() -> jdbc.queryForObject("select count(*) from BATCH_JOB_EXECUTION where STATUS = 'STARTED'",
							Integer.class) > 0);
			closing = System.nanoTime();
		}
		Duration closed = Duration.ofNanos(System.nanoTime() - closing);

		assertThat(refusedStops).as("the first stop met the failure").hasValue(1);
		assertThat(closed).as("stopped at a boundary, not after the shutdown timeout").isLessThan(Duration.ofSeconds(30));
		try (Connection connection = RepositoryQueries.connect(data);
				ResultSet statuses = connection.createStatement()
					.executeQuery("select STATUS, count(*) from BATCH_JOB_EXECUTION group by STATUS")) {
			StringBuilder counts = new StringBuilder();
			while (statuses.next()) {
				counts.append(statuses.getString(1)).append('=').append(statuses.getLong(2)).append(' ');
			}
			assertThat(counts.toString().trim()).isEqualTo("STOPPED=1");
		}
	}

}
