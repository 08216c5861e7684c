package dev.fanout.launch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A fresh instance of a job with an execution's parameters, as each surface asks for one: the CLI's
 * {@code run ... --new}, the API's launch request with {@code "newInstance": true}, the dashboard's launch form with
 * its box ticked. Spring-free, for {@link ExecutionRules}.
 *
 * @param parameters the parameters that differ from the job's defaults, in the order the job lists them, without
 * {@code run.id}
 */
public record NewInstance(String jobName, Map<String, String> parameters) {

	public NewInstance {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/** {@code fanout run JOB name=value ... --new}, each word as a shell reads it back. */
	public String command() {
		StringBuilder command = new StringBuilder("fanout run ").append(this.jobName);
		this.parameters.forEach((name, value) -> command.append(' ').append(shellWord(name + "=" + value)));
		return command.append(" --new").toString();
	}

	/** {@code POST /api/jobs/JOB/executions} with its JSON body. */
	public String request() {
		StringJoiner given = new StringJoiner(", ", "{", "}");
		this.parameters.forEach((name, value) -> given.add(json(name) + ": " + json(value)));
		return "POST /api/jobs/%s/executions with {\"parameters\": %s, \"newInstance\": true}".formatted(this.jobName,
				given);
	}

	/** The dashboard's launch form of the job, filled in, with "new instance" ticked. */
	public String form() {
		StringJoiner given = new StringJoiner(" ");
		this.parameters.forEach((name, value) -> given.add(name + "=" + value));
		return "launch %s from Jobs%s with \"new instance\" ticked".formatted(this.jobName,
				this.parameters.isEmpty() ? "" : " (" + given + ")");
	}

	/** The word as a shell reads it back: as it is when it is safe, otherwise single-quoted. */
	static String shellWord(String word) {
		return word.matches("[A-Za-z0-9_.,:/=+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
	}

	private static String json(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> quoted.append((c < 0x20) ? "\\u%04x".formatted((int) c) : String.valueOf(c));
			}
		}
		return quoted.append('"').toString();
	}

}
