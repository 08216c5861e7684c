package dev.fanout.history;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/**
 * One job execution, as {@code history} lists it.
 *
 * @param parameters the parameters a launch gave or defaulted, without {@link LaunchOrigin#PARAMETER}
 * @param launchedBy who or what launched it ({@link LaunchOrigin}); empty for an execution launched before Fanout
 * recorded it
 * @param orphaned whether the repository says it runs but nobody runs it any more: it needs {@code recover}
 * @param owner for a running execution, who runs it or why it is orphaned; empty otherwise
 * @param summary the first line of the job's summary of what it did (the rest may be a picture, e.g. life's grid),
 * or empty
 */
public record ExecutionSummary(long id, String job, long instanceId, Map<String, String> parameters,
		String launchedBy, String status,
		@Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime, long durationMillis, String exitCode,
		String exitDescription, boolean orphaned, String owner, String summary) {

	/** An execution whose owner does not matter here (one that has ended). */
	public static ExecutionSummary of(JobExecution execution) {
		return of(execution, null);
	}

	public static ExecutionSummary of(JobExecution execution, @Nullable Ownership ownership) {
		Map<String, String> parameters = new TreeMap<>();
		execution.getJobParameters().parameters().forEach((p) -> parameters.put(p.name(), String.valueOf(p.value())));
		String launchedBy = takeLaunchedBy(parameters);
		boolean orphaned = ownership != null && ownership.orphaned();
		// An orphan ran until its last sign of life, not until now: nobody runs it any more.
		LocalDateTime end = (execution.getEndTime() == null && orphaned) ? Orphans.lastSignOfLife(execution)
				: execution.getEndTime();
		return new ExecutionSummary(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobInstance().getInstanceId(), parameters, launchedBy, execution.getStatus().toString(),
				execution.getStartTime(), execution.getEndTime(), Durations.millis(execution.getStartTime(), end),
				execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(), orphaned,
				(ownership != null) ? ownership.description() : "", firstLine(JobOutputs.summary(execution)));
	}

	/** Takes who launched it out of an execution's parameters, where it is stored: it is shown apart, never as one. */
	static String takeLaunchedBy(Map<String, String> parameters) {
		return Objects.requireNonNullElse(parameters.remove(LaunchOrigin.PARAMETER), "");
	}

	/** What a summary shows of the job's summary: its first line. */
	static String firstLine(String summary) {
		return summary.lines().findFirst().orElse("").strip();
	}

	/**
	 * Whether it runs, as its status says: {@link BatchStatus#isRunning} of the status it names (a name Spring Batch
	 * does not know is not running).
	 */
	public boolean running() {
		return Arrays.stream(BatchStatus.values()).anyMatch((s) -> s.isRunning() && s.name().equals(this.status));
	}

	/** The status as {@code history} prints it: {@code STARTED (orphaned)} for an orphan. */
	public String statusText() {
		return this.orphaned ? this.status + " (orphaned)" : this.status;
	}

	/** The parameters as {@code name=value name=value}. */
	public String parametersText() {
		StringBuilder text = new StringBuilder();
		this.parameters.forEach((name, value) -> text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value));
		return text.toString();
	}

}
