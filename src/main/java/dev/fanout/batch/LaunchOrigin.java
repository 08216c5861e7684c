package dev.fanout.batch;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Who or what launched an execution, as {@code show}, the API and the dashboard say it: a shell user on a host, the
 * operator of a server from an address, a schedule. Each execution keeps its own, so a restart says who restarted it.
 * <p>
 * Stored with the execution as the {@value #PARAMETER} job parameter, non-identifying: it is written with the other
 * parameters (no round trip of its own), any Spring Batch tool shows it, and it takes no part in the instance's
 * identity. It is reserved: no launch may give it.
 */
public record LaunchOrigin(String description) {

	/** The reserved, non-identifying job parameter that holds it. */
	public static final String PARAMETER = "launched.by";

	/** More than any origin needs; the repository keeps {@value JobDescription#MAX_VALUE_LENGTH}. */
	private static final int MAX_LENGTH = 200;

	public LaunchOrigin {
		description = printable(description);
	}

	/** A launch from the command line by {@code user} on {@code host}. */
	public static LaunchOrigin commandLine(String user, String host) {
		return new LaunchOrigin("command line: %s on %s".formatted(user, host));
	}

	/**
	 * A launch through a server's surface ({@code API}, {@code dashboard}) by {@code user} (null: a loopback caller
	 * without login) from {@code address}.
	 */
	public static LaunchOrigin server(String surface, @Nullable String user, String address) {
		return new LaunchOrigin("%s: %s from %s".formatted(surface, (user != null) ? user : "no login", address));
	}

	/** A firing of the named schedule. */
	public static LaunchOrigin schedule(String name) {
		return new LaunchOrigin("schedule: " + name);
	}

	/** A run of the {@code chapter} execution with this id. */
	public static LaunchOrigin chapter(long executionId) {
		return new LaunchOrigin("chapter: execution " + executionId);
	}

	/** A run of a bench. */
	public static LaunchOrigin bench() {
		return new LaunchOrigin("bench");
	}

	/** These parameters with this origin in place of any they had. */
	public JobParameters applyTo(JobParameters parameters) {
		return new JobParametersBuilder(without(parameters)).addString(PARAMETER, this.description, false)
			.toJobParameters();
	}

	/** What launched the execution with these parameters, or empty when it does not say (launched before 2026-12-07). */
	public static String of(JobParameters parameters) {
		JobParameter<?> origin = parameters.getParameter(PARAMETER);
		return (origin != null) ? String.valueOf(origin.value()) : "";
	}

	/** These parameters without an origin: the ones a user gave, and a new launch may give again. */
	public static JobParameters without(JobParameters parameters) {
		if (parameters.getParameter(PARAMETER) == null) {
			return parameters;
		}
		JobParametersBuilder builder = new JobParametersBuilder();
		parameters.parameters()
			.stream()
			.filter((parameter) -> !PARAMETER.equals(parameter.name()))
			.forEach(builder::addJobParameter);
		return builder.toJobParameters();
	}

	/**
	 * One short line: a user or host name comes from the system or a login, and is shown on terminals and pages, so a
	 * control character (an escape sequence) becomes {@code ?}.
	 */
	private static String printable(String text) {
		StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
		text.codePoints()
			.limit(MAX_LENGTH)
			.forEach((c) -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		String line = shown.toString().strip();
		return line.isEmpty() ? "unknown" : line;
	}

}
