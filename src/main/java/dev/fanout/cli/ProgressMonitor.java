package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Runs a launch on its own thread and reports its progress from the job repository until it ends: a live line that
 * rewrites itself on a terminal, or a plain line per finished step or partition otherwise (logs, pipes, CI).
 */
@Component
class ProgressMonitor {

	private static final long TERMINAL_INTERVAL_MS = 200;

	private static final long PLAIN_INTERVAL_MS = 500;

	private final JobRepository jobRepository;

	private final SignalStop signalStop;

	ProgressMonitor(JobRepository jobRepository, SignalStop signalStop) {
		this.jobRepository = jobRepository;
		this.signalStop = signalStop;
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
		int stepsTotal = (job instanceof AbstractJob steps) ? steps.getStepNames().size() : 0;
		long executionId = -1;
		String lastMilestone = "";
		try {
			while (!join(launcher, terminal ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS)) {
				if (executionId < 0) {
					executionId = findNewExecution(job.getName(), parameters, previousExecutionId);
					if (executionId >= 0) {
						console.println("Started execution " + executionId + " of " + job.getName());
					}
				}
				JobExecution current = (executionId >= 0) ? this.jobRepository.getJobExecution(executionId) : null;
				if (current == null) {
					continue;
				}
				Progress progress = Progress.of(current, stepsTotal);
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
		if (executionId < 0 && execution != null) {
			console.println("Started execution " + execution.getId() + " of " + job.getName());
		}
		return execution;
	}

	private static boolean join(Thread thread, long millis) throws InterruptedException {
		return thread.join(Duration.ofMillis(millis));
	}

	/** The id of the execution this launch created, once the repository has it, else -1. */
	private long findNewExecution(String jobName, JobParameters parameters, long previousExecutionId) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		return (last != null && last.getId() > previousExecutionId) ? last.getId() : -1;
	}

}
