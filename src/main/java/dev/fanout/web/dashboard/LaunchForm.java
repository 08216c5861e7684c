package dev.fanout.web.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;

/**
 * A job's launch form: a field per described parameter (its default as the placeholder, its meaning as help), what
 * was entered, and the job's refusal shown beside the form, with the fields it names marked.
 *
 * @param values the entered values by parameter name (blank: not given, so the default applies)
 * @param error the refusal of the last attempt, as the CLI would print it, or {@code null}
 */
public record LaunchForm(JobDescription<?> job, Map<String, String> values, boolean newInstance, @Nullable String error) {

	/** Form fields carry this prefix, so no parameter name can clash with the CSRF token or the checkbox. */
	static final String PREFIX = "p.";

	/** The checkbox of a fresh instance ({@code --new}). */
	static final String NEW_INSTANCE = "newInstance";

	static LaunchForm blank(JobDescription<?> job) {
		return new LaunchForm(job, Map.of(), false, null);
	}

	public List<JobParameterDescription> parameters() {
		return this.job.parameters();
	}

	public String value(String parameter) {
		return this.values.getOrDefault(parameter, "");
	}

	/** Whether the refusal names this parameter, as the jobs' messages do ({@code threads=0 must be ...}). */
	public boolean invalid(String parameter) {
		return this.error != null
				&& Pattern.compile("(?<![\\w.])" + Pattern.quote(parameter) + "(?![\\w])").matcher(this.error).find();
	}

	/**
	 * The first field the form reads that a request gives more than once ({@code p.threads=1&p.threads=2}), as the
	 * page labels it, or {@code null}. Refused rather than one value taken, as the API's body refuses a field given
	 * twice: which one the sender meant is unknown.
	 */
	static @Nullable String repeated(JobDescription<?> job, Map<String, List<String>> form) {
		for (JobParameterDescription parameter : job.parameters()) {
			if (form.getOrDefault(PREFIX + parameter.name(), List.of()).size() > 1) {
				return parameter.name();
			}
		}
		return (form.getOrDefault(NEW_INSTANCE, List.of()).size() > 1) ? "new instance" : null;
	}

	/** The given values of the described parameters, without the blank ones. */
	static Map<String, String> given(JobDescription<?> job, Map<String, String> form) {
		Map<String, String> given = new LinkedHashMap<>();
		for (JobParameterDescription parameter : job.parameters()) {
			String value = form.get(PREFIX + parameter.name());
			if (value != null && !value.isBlank()) {
				given.put(parameter.name(), value.trim());
			}
		}
		return given;
	}

}
