package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.fanout.batch.Progress;
import dev.fanout.core.CommandFailure;
import dev.fanout.launch.ExecutionCreated;
import dev.fanout.launch.ExecutionProgress;

/**
 * Runs a launch on its own thread and reports its progress from the job repository until it ends: a live line that
 * rewrites itself on a terminal, or otherwise (logs, pipes, CI) a plain line whenever the status, the tenth of the
 * work done or the partitions done change, and a last one with the final counts.
 */
@Component
class ProgressMonitor {

	private static final Logger logger = LoggerFactory.getLogger(ProgressMonitor.class);

	private static final long TERMINAL_INTERVAL_MS = 200;

	private static final long PLAIN_INTERVAL_MS = 500;

	private final SignalStop signalStop;

	private final ExecutionProgress progress;

	/** Names the repository when it went away during a run. */
	private final Environment environment;

	ProgressMonitor(SignalStop signalStop, ExecutionProgress progress, Environment environment) {
		this.signalStop = signalStop;
		this.progress = progress;
		this.environment = environment;
	}

	/**
	 * Runs {@code launch} (which returns when the job ends) and reports the progress of the execution it creates for
	 * the launch of {@code jobName}. SIGTERM and Ctrl-C meanwhile stop the job gracefully
	 * ({@link SignalStop}). {@code launch} is given where its notices go: each on a line of its own, never onto the
	 * live line ({@link LiveLine}).
	 */
	JobExecution run(String jobName, Function<Consumer<String>, JobExecution> launch,
			PrintWriter out, PrintWriter err, boolean terminal) {
		LiveLine console = new LiveLine(out, err, terminal);
		try (SignalStop.Installed signals = this.signalStop.install(console::notice)) {
			return monitor(jobName, () -> launch.apply(console::notice), console);
		}
	}

	private JobExecution monitor(String jobName, Supplier<JobExecution> launch, LiveLine console) {
		boolean terminal = console.terminal();
		// The execution this launch creates, told by the launching thread itself: another process may start one of
		// the same instance meanwhile (and this launch be refused), so the repository's newest is not necessarily ours.
		CompletableFuture<JobExecution> created = new CompletableFuture<>();
		AtomicReference<JobExecution> result = new AtomicReference<>();
		// An Error too: it would otherwise end the launching thread with a stack trace on stderr, and this method
		// return no execution as if the launch had ended well.
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread launcher = Thread.ofPlatform().name("launch-" + jobName).start(() -> {
			try {
				result.set(ExecutionCreated.watch(created, launch));
			}
			catch (RuntimeException | Error ex) {
				failure.set(ex);
			}
		});
		JobExecution started = null;
		String lastMilestone = "";
		try {
			while (!join(launcher, terminal ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS)) {
				if (started == null) {
					started = created.getNow(null);
					if (started != null) {
						console.println("Started execution " + started.getId() + " of " + jobName);
					}
				}
				Progress progress = (started != null) ? poll(started) : null;
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
		switch (failure.get()) {
			case Error error -> throw error;
			case RuntimeException ex -> throw lostRepository(ex, created.getNow(null));
			case null, default -> {
			}
		}
		JobExecution execution = result.get();
		if (!terminal && started != null) {
			// The job may have ended between two polls: the log ends with the counts the repository has at the end.
			Progress last = poll(started);
			if (last != null && !last.milestone().equals(lastMilestone)) {
				console.println(last.line());
			}
		}
		long executionId = (started != null) ? started.getId() : -1;
		if (executionId < 0 && execution != null) {
			console.println("Started execution " + execution.getId() + " of " + jobName);
		}
		return execution;
	}

	/**
	 * The execution's progress as the repository has it now, or {@code null} when it cannot tell: a poll that fails
	 * (no pooled connection in time, the repository's server restarting) is skipped. It ended this process while
	 * the job ran on in it, leaving the execution orphaned.
	 */
	private @Nullable Progress poll(JobExecution started) {
		try {
			return this.progress.of(started.getJobInstance(), started.getId());
		}
		catch (DataAccessException ex) {
			logger.warn("Execution {}: progress not read this time: {}", started.getId(), ex.getMessage());
			return null;
		}
	}

	/**
	 * A launch that failed because the repository went away after its execution was created (its server killed, the
	 * network lost): Spring Batch could not record the execution's end, so it is left running there, and the operator
	 * needs to know how to go on rather than the driver's text. Any other failure as it is.
	 */
	private RuntimeException lostRepository(RuntimeException failure, @Nullable JobExecution execution) {
		if (execution == null) {
			return failure;
		}
		return RepositoryFailures.duringRun(failure, execution.getId(), this.environment).<RuntimeException>map(
				(message) -> {
					logger.error("Execution {}: the job repository was lost during the run", execution.getId(), failure);
					return new CommandFailure(CommandFailure.Kind.UNAVAILABLE, message);
				})
			.orElse(failure);
	}

	private static boolean join(Thread thread, long millis) throws InterruptedException {
		return thread.join(Duration.ofMillis(millis));
	}

}
