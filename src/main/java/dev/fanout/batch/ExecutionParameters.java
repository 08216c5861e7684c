package dev.fanout.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The typed parameters of the executions running in this JVM, by execution id: what steps and workers read instead
 * of the string map. The launch path parses a launch once ({@link JobDescription#forLaunch}) and hands the result over
 * ({@link #handOver}); when the execution starts, {@link #beforeJob} files it under the execution's id. An execution
 * that did not come through the launch path (a job step of the chapter, a test) gets its parameters parsed there, once,
 * with no input read. Registered on every job by {@link BatchConfiguration}.
 * <p>
 * Thread safety: the typed values are immutable and read from any step's thread; the map of running executions is a
 * concurrent map (written when an execution starts and ends); a hand-over is confined to the launching thread (a
 * thread local), where Spring Batch's synchronous job operator calls {@code beforeJob}.
 */
@Component
public class ExecutionParameters {

	private final Map<String, JobDescription<?>> descriptions;

	private final Map<Long, Object> running = new ConcurrentHashMap<>();

	private final ThreadLocal<Launch> launching = new ThreadLocal<>();

	public ExecutionParameters(List<JobDescription<?>> descriptions) {
		this.descriptions = descriptions.stream()
			.collect(Collectors.toMap(JobDescription::jobName, Function.identity(), (a, b) -> a));
	}

	/**
	 * Hands {@code typed}, parsed by the launch path, to the execution of {@code jobName} with {@code parameters} that
	 * this thread starts next; close it when the start returns.
	 */
	public HandOver handOver(String jobName, JobParameters parameters, Object typed) {
		Launch launch = new Launch(jobName, parameters, typed);
		this.launching.set(launch);
		return () -> this.launching.remove();
	}

	/** The typed parameters of the step's execution. */
	public <P> P of(StepExecution step, Class<P> type) {
		return of(step.getJobExecution(), type);
	}

	/**
	 * The typed parameters of an execution. One that is not running in this JVM (a worker of another JVM's
	 * execution, one that ended) is parsed again from its stored parameters.
	 */
	public <P> P of(JobExecution execution, Class<P> type) {
		Object typed = this.running.get(execution.getId());
		return type.cast((typed != null) ? typed : parse(execution));
	}

	/** Files the execution's typed parameters: the launch path's, or parsed now when it came another way. */
	void beforeJob(JobExecution execution) {
		Launch launch = this.launching.get();
		String jobName = execution.getJobInstance().getJobName();
		if (launch != null && launch.jobName().equals(jobName)
				&& values(launch.parameters()).equals(values(execution.getJobParameters()))) {
			this.launching.remove();
			this.running.put(execution.getId(), launch.typed());
		}
		else if (this.descriptions.containsKey(jobName)) {
			this.running.put(execution.getId(), parse(execution));
		}
	}

	void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
	}

	/** Names and values: {@code JobParameters.equals} compares the names only. */
	private static Map<String, Object> values(JobParameters parameters) {
		return parameters.parameters()
			.stream()
			.collect(Collectors.toMap(JobParameter::name,
					(parameter) -> List.of(parameter.value(), parameter.identifying())));
	}

	/** The description of a job. */
	public JobDescription<?> description(String jobName) {
		JobDescription<?> description = this.descriptions.get(jobName);
		if (description == null) {
			throw new IllegalStateException("job '%s' has no JobDescription bean".formatted(jobName));
		}
		return description;
	}

	private Object parse(JobExecution execution) {
		JobDescription<?> description = description(execution.getJobInstance().getJobName());
		return Objects.requireNonNull(description.parse(execution.getJobParameters()));
	}

	/** A hand-over in progress; closing it withdraws what the execution did not take. */
	@FunctionalInterface
	public interface HandOver extends AutoCloseable {

		@Override
		void close();

	}

	private record Launch(String jobName, JobParameters parameters, Object typed) {
	}

}
