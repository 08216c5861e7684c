package dev.fanout.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * What a job is for and which parameters it takes. Every job publishes one as a bean; the CLI lists them, fills in
 * defaults and rejects unknown names, and the job's own validator uses the same names.
 * <p>
 * All parameters are identifying strings: running a job with the parameters of a FAILED or STOPPED instance restarts
 * that instance, and {@value #RUN_ID} (added by {@code run --new}) distinguishes otherwise identical instances.
 */
public interface JobDescription {

	/** The reserved identifying parameter that makes a new instance of otherwise equal parameters. */
	String RUN_ID = "run.id";

	String jobName();

	String summary();

	List<JobParameterDescription> parameters();

	/**
	 * Whether this job's partitions go to {@code fanout worker} processes when the process's workers are remote
	 * ({@code fanout.workers=remote}): only if everything a partition reads and writes travels through the repository.
	 * Otherwise the whole job runs in the manager, remote workers or not.
	 */
	default boolean runsOnWorkers() {
		return false;
	}

	/**
	 * Checks that a job whose partitions {@linkplain #runsOnWorkers() run on workers} can run remotely with these
	 * parameters; called only when workers are remote.
	 * @throws IllegalArgumentException one line naming the parameter that keeps it in one JVM, and the fix
	 */
	default void checkRemote(JobParameters parameters) {
	}

	/**
	 * What the job's progress is counted in, for the CLI's live line and the dashboard: by default its top-level
	 * steps; a job that loops or fans out says which units it works through and how many there are.
	 */
	default ProgressMeasure progress() {
		return ProgressMeasure.steps();
	}

	/**
	 * The parameters of a launch: the given ones plus defaults for those not given.
	 * @throws InvalidJobParametersException when a name is unknown
	 */
	default JobParameters toJobParameters(Map<String, String> given) throws InvalidJobParametersException {
		JobParametersBuilder builder = new JobParametersBuilder();
		withDefaults(given).forEach((name, value) -> builder.addString(name, value, true));
		JobParameters parameters = builder.toJobParameters();
		checkNames(parameters);
		return parameters;
	}

	/**
	 * The given parameters plus the defaults of those not given (unless their alternative is given), in the order of
	 * {@link #parameters()}.
	 */
	default Map<String, String> withDefaults(Map<String, String> given) {
		Map<String, String> all = new LinkedHashMap<>();
		for (JobParameterDescription parameter : parameters()) {
			boolean replaced = parameter.alternative() != null && given.containsKey(parameter.alternative());
			String value = given.getOrDefault(parameter.name(), replaced ? null : parameter.defaultValue());
			if (value != null) {
				all.put(parameter.name(), value);
			}
		}
		given.forEach(all::putIfAbsent);
		return all;
	}

	/**
	 * The job's validator: rejects unknown names, then runs the job's own check of the values (and of its input, when
	 * it is cheap to read). The check reports a problem as an {@link IllegalArgumentException}, or an I/O failure,
	 * whose message becomes the rejection's: one line naming the problem and the fix.
	 */
	default JobParametersValidator validator(ParameterCheck check) {
		return (parameters) -> {
			checkNames(parameters);
			try {
				check.check(parameters);
			}
			catch (IllegalArgumentException | IOException | UncheckedIOException ex) {
				throw new InvalidJobParametersException(ex.getMessage());
			}
		};
	}

	/** A job's check of its parameters' values. */
	@FunctionalInterface
	interface ParameterCheck {

		void check(JobParameters parameters) throws IOException;

	}

	/** Rejects parameter names this job does not know, naming the ones it does. */
	default void checkNames(JobParameters parameters) throws InvalidJobParametersException {
		var known = parameters().stream().map(JobParameterDescription::name).collect(Collectors.toSet());
		var unknown = new TreeSet<String>();
		for (String name : parameters.parameters().stream().map(p -> p.name()).toList()) {
			if (!known.contains(name) && !RUN_ID.equals(name)) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidJobParametersException("unknown parameter%s %s for job '%s'; it takes: %s".formatted(
					unknown.size() == 1 ? "" : "s", String.join(", ", unknown), jobName(),
					parameters().stream().map(JobParameterDescription::name).collect(Collectors.joining(", "))));
		}
	}

}
