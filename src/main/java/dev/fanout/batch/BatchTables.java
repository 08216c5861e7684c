package dev.fanout.batch;

import org.springframework.core.env.Environment;

/** Where Spring Batch's tables are, for the few statements Fanout runs on them itself. */
public final class BatchTables {

	/** Spring Batch's own prefix, the one Fanout's schema scripts are written with. */
	static final String DEFAULT_PREFIX = "BATCH_";

	private BatchTables() {
	}

	/** The tables' prefix: {@code spring.batch.jdbc.table-prefix}, Spring Batch's {@code BATCH_} by default. */
	public static String prefix(Environment environment) {
		return environment.getProperty("spring.batch.jdbc.table-prefix", DEFAULT_PREFIX);
	}

}
