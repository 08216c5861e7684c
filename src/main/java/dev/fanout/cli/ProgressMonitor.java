package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.Progress;
import dev.fanout.launch.ExecutionProgress;

/**
 * Runs a launch on its own thread and reports its progress from the job repository until it ends: a live line that
 * rewrites itself on a terminal, or otherwise (logs, pipes, CI) a plain line whenever the status, the tenth of the
 * work done or the partitions done change, and a last one with the final counts.
 */
@Component
class ProgressMonitor {

	private static final long TERMINAL_INTERVAL_MS = 200;

	private static final long PLAIN_INTERVAL_MS = 500;

	private final JobRepository jobRepository;

	private final SignalStop signalStop;

	private final ExecutionProgress progress;

	ProgressMonitor(JobRepository jobRepository, SignalStop signalStop, ExecutionProgress progress) {
		this.jobRepository = jobRepository;
		this.signalStop = signalStop;
		this.progress = progress;
	}

	/**
	 * Runs {@code launch} (which returns when the job ends) and reports the progress of the execution it creates for
	 * the instance of {@code job} with {@code parameters}. SIGTERM and Ctrl-C meanwhile stop the job gracefully
	 * ({@link SignalStop}). {@code launch} is given where its notices go: each on a line of its own, never onto the
	 * live line ({@link LiveLine}).
	 */
	JobExecution run(Job job, JobParameters parameters, Function<Consumer<String>, JobExecution> launch,
			PrintWriter out, PrintWriter err, boolean terminal) {
		LiveLine console = new LiveLine(out, err, terminal);
		try (SignalStop.Installed signals = this.signalStop.install(console::notice)) {
			return monitor(job, parameters, () -> launch.apply(console::notice), console);
		}
	}

	private JobExecution monitor(Job job, JobParameters parameters, Supplier<JobExecution> launch, LiveLine console) {
		boolean terminal = console.terminal();
		JobExecution previous = this.jobRepository.getLastJobExecution(job.getName(), parameters);
		long previousExecutionId = (previous != null) ? previous.getId() : -1;
		AtomicReference<JobExecution> result = new AtomicReference<>();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Thread launcher = Thread.ofPlatform().name("launch-" + job.getName()).start(() -> {
			try {
				result.set(launch.get());
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
		});
		JobExecution started = null;
		String lastMilestone = "";
		try {
			while (!join(launcher, terminal ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS)) {
				if (started == null) {
					started = findNewExecution(job.getName(), parameters, previousExecutionId);
					if (started != null) {
						console.println("Started execution " + started.getId() + " of " + job.getName());
					}
				}
				Progress progress = (started != null) ? this.progress.of(started.getJobInstance(), started.getId())
						: null;
				if (progress == null) {
					continue;
				}
				if (terminal) {
					console.show(progress.line());
				}
				else if (!progress.milestone().equals(lastMilestone)) {
					console.println(progress.line());
					lastMilestone = progress.milestone();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		console.clear();
		if (failure.get() != null) {
			throw failure.get();
		}
		JobExecution execution = result.get();
		if (!terminal && started != null) {
			// The job may have ended between two polls: the log ends with the counts the repository has at the end.
			Progress last = this.progress.of(started.getJobInstance(), started.getId());
			if (last != null && !last.milestone().equals(lastMilestone)) {
				console.println(last.line());
			}
		}
		long executionId = (started != null) ? started.getId() : -1;
		if (executionId < 0 && execution != null) {
			console.println("Started execution " + execution.getId() + " of " + job.getName());
		}
		return execution;
	}

	private static boolean join(Thread thread, long millis) throws InterruptedException {
		return thread.join(Duration.ofMillis(millis));
	}

	/** The execution this launch created, once the repository has it, else {@code null}. */
	private @Nullable JobExecution findNewExecution(String jobName, JobParameters parameters, long previousExecutionId) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		return (last != null && last.getId() > previousExecutionId) ? last : null;
	}

}
