package dev.fanout.batch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.core.Causes;

/**
 * Replaces the stack trace Spring Batch stores as a failed job's exit description with the messages of the root
 * causes, most specific (a worker partition's) first, so {@code history}, {@code show} and the API can show operators
 * a sentence. The full stack traces stay in the log file and in the steps' exit descriptions. A stopped job's
 * description, the name of Spring Batch's {@code JobInterruptedException}, becomes a sentence too, and so does a lost
 * connection to the repository ({@link ConnectionFailures}), whose driver's text may advise what does not apply.
 */
public class ReadableFailures implements JobExecutionListener {

	private static final int MAX_LENGTH = 2500;

	/** Instead of the exception's class name that Spring Batch stores for a stopped job. */
	public static final String STOPPED = "stopped on request (fanout stop, the dashboard's Stop, or a signal) at a "
			+ "step or chunk boundary; a restart resumes it";

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			String description = execution.getExitStatus().getExitDescription();
			execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
					description.replace(JobInterruptedException.class.getName(), STOPPED)));
			return;
		}
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		Set<String> messages = new LinkedHashSet<>();
		List<StepExecution> steps = execution.getStepExecutions()
			.stream()
			.sorted((a, b) -> Boolean.compare(PartitionSteps.isPartition(b.getStepName()),
					PartitionSteps.isPartition(a.getStepName())))
			.toList();
		for (StepExecution step : steps) {
			step.getFailureExceptions().forEach((failure) -> messages.add(describeInJob(failure)));
		}
		execution.getFailureExceptions().forEach((failure) -> messages.add(describeInJob(failure)));
		messages.removeIf((message) -> message.startsWith("Partition handler returned an unsuccessful step")
				|| message.startsWith("Step failure: the delegate Job failed"));
		if (messages.isEmpty()) {
			return;
		}
		String description = String.join("; ", messages);
		if (description.length() > MAX_LENGTH) {
			description = description.substring(0, MAX_LENGTH - 3) + "...";
		}
		execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), description));
	}

	/** A step's or job's failure: a lost connection to the repository in a sentence, not in the driver's words. */
	private static String describeInJob(Throwable failure) {
		return ConnectionFailures.lost(failure) ? ConnectionFailures.LOST : describe(failure);
	}

	/**
	 * The root cause's message, or an enclosing message that repeats it with more context (such as "cannot read FILE:
	 * ..."), but never a framework's generic wrapper.
	 */
	public static String describe(Throwable failure) {
		List<Throwable> chain = Causes.of(failure);
		String message = null;
		for (int i = chain.size() - 1; i >= 0; i--) {
			Throwable cause = chain.get(i);
			String own = cause.getMessage();
			if (own == null || own.isBlank()) {
				continue;
			}
			if (message == null) {
				message = own;
			}
			else if (own.contains(message) && !cause.getClass().getName().startsWith("org.springframework.")) {
				message = own;
			}
		}
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

}
