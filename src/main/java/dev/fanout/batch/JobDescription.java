package dev.fanout.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import dev.fanout.core.DataPaths;

/**
 * What a job is for, which parameters it takes, and how their text becomes the job's typed parameters {@code P}.
 * Every job publishes one as a bean; the CLI lists them, fills in defaults and rejects unknown names.
 * <p>
 * A parameter's default is declared once, in {@link #parameters()}: {@link #parse(JobParameters)} applies the
 * defaults before {@link #parse(ParameterValues)} sees the values. The launch path parses a launch once
 * ({@link #forLaunch}) and hands the result to the execution; steps read it from {@link ExecutionParameters}, never
 * from the string map. Spring Batch's own validator ({@link #validator()}) checks names only, so its calls read
 * nothing.
 * <p>
 * All parameters are identifying strings: running a job with the parameters of a FAILED or STOPPED instance restarts
 * that instance, and {@value #RUN_ID} (added by {@code run --new}) distinguishes otherwise identical instances.
 *
 * @param <P> the job's typed parameters: an immutable value, read by every step's threads
 */
public interface JobDescription<P> {

	/** The reserved identifying parameter that makes a new instance of otherwise equal parameters. */
	String RUN_ID = "run.id";

	/** The longest parameter value the job repository keeps (its {@code PARAMETER_VALUE} column), in characters. */
	int MAX_VALUE_LENGTH = 2500;

	/** How many unknown parameter names a refusal names, and how much of each. */
	int UNKNOWN_NAMES_SHOWN = 5;

	int NAME_SHOWN = 40;

	String jobName();

	String summary();

	List<JobParameterDescription> parameters();

	/**
	 * The typed parameters from their text, defaults applied: every value checked, no input read (a restart parses
	 * the parameters of an input that may be gone).
	 * @throws IllegalArgumentException one line naming the problem and the fix
	 */
	P parse(ParameterValues values);

	/**
	 * A launch's checks beyond the values, before its execution exists: the inputs a first execution reads, the tools
	 * and settings any execution needs. A restart ({@link LaunchKind#RESTART}) checks only what its saved plan does
	 * not hold: it must not be refused for an input it no longer reads.
	 * @return the parameters the execution runs with; a job may attach what it read here, so that no step reads it
	 * again
	 * @throws IllegalArgumentException one line naming the problem and the fix (or an I/O failure, whose message is)
	 */
	default P prepare(P parameters, LaunchKind kind) throws IOException {
		return parameters;
	}

	/** The launch path's one parse of a launch: names, values ({@link #parseNamed}), then the launch's checks. */
	default P forLaunch(JobParameters parameters, LaunchKind kind) throws InvalidJobParametersException, IOException {
		return prepare(parseNamed(parameters), kind);
	}

	/**
	 * A launch's parameters with their names checked and their values parsed: the first half of {@link #forLaunch},
	 * which needs neither the repository nor any input, so that a launch can refuse them before it looks up their
	 * instance, then {@linkplain #prepare prepare} them for its kind.
	 */
	default P parseNamed(JobParameters parameters) throws InvalidJobParametersException {
		checkNames(parameters);
		return parse(parameters);
	}

	/** The typed parameters of job parameters as given or stored: defaults applied, values parsed, no input read. */
	default P parse(JobParameters parameters) {
		return parse(values(parameters));
	}

	/** The text of job parameters as given or stored, defaults applied (e.g. for a value the progress needs). */
	default ParameterValues values(JobParameters parameters) {
		Map<String, String> given = new LinkedHashMap<>();
		parameters.parameters().forEach((parameter) -> given.put(parameter.name(), String.valueOf(parameter.value())));
		return new ParameterValues(withDefaults(given));
	}

	/**
	 * The pictures this job writes into an output directory, in the order the dashboard shows them (those that exist).
	 * A directory with none of them (nor the {@link #chart()}) is shown as a gallery of the pictures it holds.
	 */
	default List<OutputPicture> pictures() {
		return List.of();
	}

	/** The series this job writes into an output directory, which the dashboard charts; {@code null} for none. */
	default @Nullable OutputChart chart() {
		return null;
	}

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
	 * @throws InvalidJobParametersException when a name is unknown, or a value longer than the repository keeps
	 */
	default JobParameters toJobParameters(Map<String, String> given) throws InvalidJobParametersException {
		JobParametersBuilder builder = new JobParametersBuilder();
		withDefaults(given).forEach((name, value) -> builder.addString(name, value, true));
		JobParameters parameters = builder.toJobParameters();
		checkNames(parameters);
		for (Map.Entry<String, String> parameter : given.entrySet()) {
			checkLength(parameter.getKey(), parameter.getValue());
		}
		return parameters;
	}

	/**
	 * Refuses given values that the repository must not keep, before anything reads or writes them: a value with a
	 * control character, one longer than the repository keeps ({@link #checkLength}), and the reserved
	 * {@value LaunchOrigin#PARAMETER}. No parameter takes a control
	 * character; a NUL, a line break or an escape sequence (from a request, a schedule's YAML) would otherwise be kept
	 * in the instance's identity, where number parsers that trim it ({@code sensors=1<NUL>}) let it through, PostgreSQL
	 * refuses a NUL half-way through the launch, and a terminal acts on an escape when {@code history} prints it.
	 */
	default void checkGiven(Map<String, String> given) throws InvalidJobParametersException {
		if (given.containsKey(LaunchOrigin.PARAMETER)) {
			throw new InvalidJobParametersException(LaunchOrigin.PARAMETER
					+ " is reserved: every execution records who or what launched it; leave it out");
		}
		for (Map.Entry<String, String> parameter : given.entrySet()) {
			String value = parameter.getValue();
			int control = value.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
			if (control >= 0) {
				throw new InvalidJobParametersException(String.format(Locale.ROOT,
						"%s has a control character (U+%04X) in its value: give it without line breaks, tabs or other "
								+ "control characters",
						parameter.getKey(), control));
			}
			checkLength(parameter.getKey(), value);
		}
	}

	/**
	 * Refuses a value longer than the repository keeps, before anything is written: the insert would fail half-way
	 * through the launch, leaving an instance without an execution.
	 */
	private void checkLength(String name, String value) throws InvalidJobParametersException {
		if (value.length() <= MAX_VALUE_LENGTH) {
			return;
		}
		String file = parameters().stream()
			.filter((p) -> name.equals(p.alternative()) && p.inputFile())
			.map(JobParameterDescription::name)
			.findFirst()
			.orElse(null);
		throw new InvalidJobParametersException(String.format(Locale.ROOT,
				"%s is %,d characters long, more than the %,d the job repository keeps of a parameter: %s", name,
				value.length(), MAX_VALUE_LENGTH,
				(file != null) ? "put the values in a file and give " + file + "=PATH instead" : "shorten it"));
	}

	/**
	 * The parameters a launch stores, which identify its instance: the given ones plus the defaults, every input file
	 * ({@link JobParameterDescription#inputFile()}) as the absolute, normalized path of the file it names (a relative
	 * one in the data directory: the command line has already made absolute those it found in the working directory).
	 * Relative, {@code file=numbers.txt} named a different file in each data directory sharing a repository, and the
	 * second was refused as completed by the first's instance, with the first's outputs.
	 */
	default Map<String, String> storedValues(Map<String, String> given, Path dataDir) {
		Map<String, String> values = withDefaults(given);
		for (JobParameterDescription parameter : parameters()) {
			String value = values.get(parameter.name());
			if (parameter.inputFile() && value != null && !value.isBlank()) {
				values.put(parameter.name(), DataPaths.resolveInput(dataDir, value).toString());
			}
		}
		return values;
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
	 * Spring Batch's validator for the job, which it calls twice per launch: names only. Values and inputs were
	 * checked once by the launch path; a launch that bypasses it (a job step, a test) gets its values parsed when the
	 * execution starts ({@link ExecutionParameters}) and its inputs read by the steps that need them.
	 */
	default JobParametersValidator validator() {
		return this::checkNames;
	}

	/** Rejects parameter names this job does not know, naming the ones it does. */
	default void checkNames(JobParameters parameters) throws InvalidJobParametersException {
		var known = parameters().stream().map(JobParameterDescription::name).collect(Collectors.toSet());
		var unknown = new TreeSet<String>();
		for (String name : parameters.parameters().stream().map(p -> p.name()).toList()) {
			if (!known.contains(name) && !RUN_ID.equals(name) && !LaunchOrigin.PARAMETER.equals(name)) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty()) {
			// At most a few names, each shortened: they come from the request, whose size nothing else bounds (a
			// launch of 100,000 made-up names answered, and logged, 800 kB).
			String shown = unknown.stream()
				.limit(UNKNOWN_NAMES_SHOWN)
				.map((name) -> (name.length() > NAME_SHOWN) ? name.substring(0, NAME_SHOWN) + "..." : name)
				.collect(Collectors.joining(", "));
			if (unknown.size() > UNKNOWN_NAMES_SHOWN) {
				shown += " and %d more".formatted(unknown.size() - UNKNOWN_NAMES_SHOWN);
			}
			String takes = parameters().isEmpty() ? ", which takes no parameters; leave them out"
					: "; it takes: " + parameters().stream()
						.map(JobParameterDescription::name)
						.collect(Collectors.joining(", "));
			throw new InvalidJobParametersException("unknown parameter%s %s for job '%s'%s".formatted(
					unknown.size() == 1 ? "" : "s", shown, jobName(), takes));
		}
	}

}
