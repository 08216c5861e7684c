package dev.fanout.history;

import java.time.LocalDateTime;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;

/** One job execution, as {@code history} lists it. */
public record ExecutionSummary(long id, String job, long instanceId, Map<String, String> parameters, String status,
		@Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime, long durationMillis, String exitCode,
		String exitDescription) {

	public static ExecutionSummary of(JobExecution execution) {
		Map<String, String> parameters = new TreeMap<>();
		execution.getJobParameters().parameters().forEach((p) -> parameters.put(p.name(), String.valueOf(p.value())));
		return new ExecutionSummary(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobInstance().getInstanceId(), parameters, execution.getStatus().toString(),
				execution.getStartTime(), execution.getEndTime(),
				Durations.millis(execution.getStartTime(), execution.getEndTime()),
				execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription());
	}

	/** The parameters as {@code name=value name=value}. */
	public String parametersText() {
		StringBuilder text = new StringBuilder();
		this.parameters.forEach((name, value) -> text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value));
		return text.toString();
	}

}
