package dev.fanout.jobs.images;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code images} job does with a source whose download kept failing transiently (timeouts, 5xx...) until its
 * attempts ran out: fail the job (a restart tries the URL again), or skip the image and say why in the report.
 * <p>
 * Chosen by the job parameter {@code onExhausted} when given, else by the setting {@code fanout.images.on-exhausted}.
 * Job parameters are identifying, so a restart keeps the parameter of its instance; the setting is read by every
 * process, so {@code fanout restart <id> --fanout.images.on-exhausted=skip} lets an instance launched without the
 * parameter go past a dead URL.
 */
enum OnExhausted {

	FAIL, SKIP;

	static final String PARAMETER = "onExhausted";

	static final String SETTING = "fanout.images.on-exhausted";

	static OnExhausted parse(String name, String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "fail" -> FAIL;
			case "skip" -> SKIP;
			default -> throw new IllegalArgumentException(("%s=%s is not fail (an image whose download retries ran out "
					+ "fails the job) or skip (it is skipped and reported)").formatted(name, value));
		};
	}

	/** The parameter's choice when the instance was launched with one, else the setting's. */
	static OnExhausted effective(@Nullable OnExhausted parameter, OnExhausted setting) {
		return (parameter != null) ? parameter : setting;
	}

	/**
	 * What the failure tells the operator to do, true for this instance: a restart alone retries the same URL (the
	 * source list is frozen at the first run), so it needs the setting, which only helps when the instance was not
	 * launched with {@code onExhausted=fail}.
	 */
	static String advice(@Nullable OnExhausted parameter) {
		String fresh = "or run a new instance (--new) with a corrected source list";
		if (parameter == FAIL) {
			return "this instance was launched with onExhausted=fail, which its restarts keep, and they retry the same "
					+ "URL (the source list is frozen at the first run): run it again with onExhausted=skip to skip "
					+ "such images (a new instance), " + fresh;
		}
		return "a plain restart retries the same URL (the source list is frozen at the first run): to skip it, restart "
				+ "with the setting --" + SETTING + "=skip (fanout restart <execution id> --" + SETTING + "=skip), "
				+ fresh + ", or with onExhausted=skip";
	}

}
