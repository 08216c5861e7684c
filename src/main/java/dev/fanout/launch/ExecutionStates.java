package dev.fanout.launch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;
import dev.fanout.recovery.RecoveryProperties;

/**
 * Reads what {@link ExecutionRules} decide from, and holds the rules with this process's
 * {@code fanout.recovery.auto}: the CLI, the API and the dashboard ask here.
 */
@Component
public class ExecutionStates {

	private final JobRepository jobRepository;

	private final Orphans orphans;

	private final Map<String, JobDescription<?>> descriptions;

	private final ExecutionRules rules;

	ExecutionStates(JobRepository jobRepository, Orphans orphans, List<JobDescription<?>> descriptions,
			RecoveryProperties recovery) {
		this.jobRepository = jobRepository;
		this.orphans = orphans;
		this.descriptions = descriptions.stream()
			.collect(Collectors.toMap(JobDescription::jobName, Function.identity(), (a, b) -> a));
		this.rules = new ExecutionRules(recovery.auto());
	}

	/** The state of the execution, reading its instance's last execution and the owner records as needed. */
	public ExecutionState of(JobExecution execution) {
		return of(execution, null);
	}

	/**
	 * The state of the execution, with its ownership as the caller judged it together with its read ({@code null}:
	 * judged now), reading its instance's last execution and that one's owner records as needed.
	 */
	private ExecutionState of(JobExecution execution, @Nullable Ownership judged) {
		JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
		boolean later = last != null && last.getId() != execution.getId();
		List<JobExecution> toJudge = new ArrayList<>(2);
		if (judged == null) {
			toJudge.add(execution);
		}
		if (later) {
			toJudge.add(last);
		}
		Map<Long, Ownership> ownership = this.orphans.of(toJudge);
		String jobName = execution.getJobInstance().getJobName();
		return new ExecutionState(execution.getId(), jobName, execution.getStatus(), Orphans.leftRunning(execution),
				(judged != null) ? judged : ownership.get(execution.getId()),
				later ? new ExecutionState.Later(last.getId(), last.getStatus(), Orphans.needsRecovery(last),
						ownership.get(last.getId())) : null,
				JobOutputs.of(execution), newInstance(jobName, execution.getJobParameters()));
	}

	/** The verdict on an action, for the execution as it is now. */
	public ExecutionRules.Verdict decide(JobExecution execution, ExecutionAction action, boolean force) {
		return this.rules.decide(of(execution), action, force);
	}

	/**
	 * The actions allowed without force: the dashboard's buttons, for the execution and its ownership as the page read
	 * them ({@code ExecutionHistory.Read}), so that the buttons agree with what the page shows.
	 */
	public ExecutionRules.Allowed allowed(JobExecution execution, Ownership ownership) {
		return this.rules.allowed(of(execution, ownership));
	}

	/**
	 * A fresh instance with these parameters: only those that differ from the defaults, in the order {@code jobs}
	 * lists them, and without {@value JobDescription#RUN_ID} or the old launch's origin.
	 */
	NewInstance newInstance(String jobName, JobParameters parameters) {
		JobDescription<?> description = this.descriptions.get(jobName);
		Map<String, String> defaults = (description != null) ? description.withDefaults(Map.of()) : Map.of();
		Map<String, String> given = new LinkedHashMap<>();
		LaunchOrigin.without(parameters)
			.parameters()
			.stream()
			.map((parameter) -> parameter.name())
			.filter((parameterName) -> !JobDescription.RUN_ID.equals(parameterName))
			.sorted(Comparator.comparingInt((String parameterName) -> position(description, parameterName))
				.thenComparing(Comparator.naturalOrder()))
			.forEach((parameterName) -> {
				String value = String.valueOf(parameters.getParameter(parameterName).value());
				if (!value.equals(defaults.get(parameterName))) {
					given.put(parameterName, value);
				}
			});
		return new NewInstance(jobName, given);
	}

	/** Where the job's description lists a parameter, so the command reads like {@code jobs} lists them. */
	private static int position(@Nullable JobDescription<?> description, String parameterName) {
		List<String> names = (description != null)
				? description.parameters().stream().map(JobParameterDescription::name).toList() : List.of();
		int index = names.indexOf(parameterName);
		return (index < 0) ? Integer.MAX_VALUE : index;
	}

}
