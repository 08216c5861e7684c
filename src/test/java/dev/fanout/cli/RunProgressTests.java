package dev.fanout.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.batch.Progress;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.ExecutionProgress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real runs through {@code run}, watched as the CLI's live line and the dashboard watch them ({@link ExecutionProgress})
 * from another thread: a life run that loops through many generation groups and a sensors run whose partitions commit
 * in small chunks report progress that never exceeds its total, moves through values between 0 and the total, and
 * ends at the total; the plain progress log that {@code run} prints says the same.
 */
@SpringBootTest(properties = "fanout.sensors.chunk-size=25")
class RunProgressTests {

	private static final Pattern LINE = Pattern.compile("^execution \\d+ (\\w+)  (\\w+) (\\d+)/(\\d+|\\?)", Pattern.MULTILINE);

	private static final long SAMPLE_MILLIS = 20;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("RunProgressTests").toString());
	}

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	ExecutionProgress progress;

	@Autowired
	JobRepository jobRepository;

	@Test
	void lifeCountsGenerationsThroughThirtyGroupsAndEndsAtAllOfThem() throws Exception {
		List<Progress> seen = watch("life", "run", "life", "--new", "pattern=life/glider.txt", "width=48", "height=48",
				"generations=120", "checkpoint=4", "partitions=2");

		assertThat(seen).isNotEmpty().allSatisfy((p) -> {
			assertThat(p.unit()).isEqualTo("generations");
			assertThat(p.total()).isEqualTo(120);
			assertThat(p.done()).isBetween(0L, 120L);
			assertThat(p.percent()).isBetween(0, 100);
		});
		assertThat(seen).extracting(Progress::done).isSorted();
		assertThat(seen.stream().mapToLong(Progress::done).filter((d) -> d > 0 && d < 120).distinct().count())
			.as("generations seen between the start and the end").isGreaterThanOrEqualTo(3);
		Progress last = seen.get(seen.size() - 1);
		assertThat(last.done()).isEqualTo(120);
		assertThat(last.percent()).isEqualTo(100);
	}

	@Test
	void sensorsCountsTheReadingsCommittedAcrossPartitionsAndEndsAtAllOfThem() throws Exception {
		List<Progress> seen = watch("sensors", "run", "sensors", "--new", "sensors=5", "readings=200",
				"readLatency=2ms");

		assertThat(seen).isNotEmpty().allSatisfy((p) -> {
			assertThat(p.unit()).isEqualTo("readings");
			assertThat(p.total()).isEqualTo(1000);
			assertThat(p.done()).isBetween(0L, 1000L);
			assertThat(p.partitionsDone()).isBetween(0, 5);
		});
		assertThat(seen).extracting(Progress::done).isSorted();
		assertThat(seen).as("readings committed while every sensor still read")
			.anyMatch((p) -> p.done() > 0 && p.partitionsTotal() == 5 && p.partitionsDone() == 0 && p.percent() > 0);
		Progress last = seen.get(seen.size() - 1);
		assertThat(last.done()).isEqualTo(1000);
		assertThat(last.percent()).isEqualTo(100);
	}

	/**
	 * Runs the command while another thread reads the progress of the job's newest execution; returns what it read,
	 * the end last, after checking the command's own plain progress log against the same rule.
	 */
	private List<Progress> watch(String job, String... command) throws Exception {
		JobInstance before = this.jobRepository.getLastJobInstance(job);
		long previous = (before != null) ? before.getInstanceId() : -1;
		List<Progress> seen = new CopyOnWriteArrayList<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread watcher = Thread.ofPlatform().name("progress-watcher").start(() -> {
			while (running.get()) {
				JobInstance instance = this.jobRepository.getLastJobInstance(job);
				JobExecution execution = (instance != null && instance.getInstanceId() > previous)
						? this.jobRepository.getLastJobExecution(instance) : null;
				if (execution != null) {
					Progress now = this.progress.of(instance, execution.getId());
					if (now != null && now.running()) {
						seen.add(now);
					}
				}
				try {
					Thread.sleep(SAMPLE_MILLIS); // the pace of the samples, as the live line's; nothing waits on it
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		CommandResult result;
		try {
			result = CommandResult.of(this.commandLine, command);
		}
		finally {
			running.set(false);
			watcher.join();
		}
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		JobExecution ended = this.jobRepository.getJobExecution(result.executionId());
		seen.add(this.progress.of(ended));
		Matcher line = LINE.matcher(result.out());
		String lastLine = "";
		while (line.find()) {
			assertThat(line.group(4)).as(result.toString()).isNotEqualTo("?");
			assertThat(Long.parseLong(line.group(3))).as(line.group()).isLessThanOrEqualTo(Long.parseLong(line.group(4)));
			lastLine = line.group();
		}
		long total = seen.get(seen.size() - 1).total();
		assertThat(lastLine).as(result.toString())
			.isEqualTo("execution %d COMPLETED  %s %d/%d".formatted(ended.getId(), seen.get(0).unit(), total, total));
		return seen;
	}

}
