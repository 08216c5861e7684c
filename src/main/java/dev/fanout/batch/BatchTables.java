package dev.fanout.batch;

import java.util.regex.Pattern;

import org.springframework.core.env.Environment;

import dev.fanout.core.InvalidSetting;

/** Where Spring Batch's tables are, for the few statements Fanout runs on them itself. */
public final class BatchTables {

	/** Spring Batch's own prefix, the one Fanout's schema scripts are written with. */
	public static final String DEFAULT_PREFIX = "BATCH_";

	private static final String PROPERTY = "spring.batch.jdbc.table-prefix";

	/**
	 * What a prefix may be: the start of an unquoted table name, optionally after a schema and a dot. It is written
	 * into SQL as it is, and a schema script that it breaks fails silently (Boot runs Spring Batch's schema scripts
	 * with errors ignored): anything else is refused before it reaches the database.
	 */
	private static final Pattern VALID = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

	private BatchTables() {
	}

	/**
	 * The tables' prefix: {@code spring.batch.jdbc.table-prefix}, Spring Batch's {@code BATCH_} by default.
	 * @throws InvalidSetting if it is not the start of a table name
	 */
	public static String prefix(Environment environment) {
		String prefix = environment.getProperty(PROPERTY, DEFAULT_PREFIX);
		if (!VALID.matcher(prefix).matches()) {
			throw new InvalidSetting(PROPERTY, prefix, "the start of a table name: letters, digits and underscores, "
					+ "optionally after a schema and a dot (e.g. FANOUT_BATCH_ or batch.BATCH_)");
		}
		return prefix;
	}

}
