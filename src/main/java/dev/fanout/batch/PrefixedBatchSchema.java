package dev.fanout.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Creates Spring Batch's tables under the prefix they are configured with ({@code spring.batch.jdbc.table-prefix}).
 * Fanout's schema scripts name them as Spring Batch does by default ({@code BATCH_JOB_INSTANCE}...), and Boot runs a
 * script as written: with another prefix, Spring Batch would look for tables that nobody created.
 * <p>
 * As the application starts, as Boot's initializer does; but over the embedded repository, whose first connection
 * creates the schema ({@link ConnectionsOnDemand}), it does nothing then, and {@link #createOn} runs at that connection.
 */
final class PrefixedBatchSchema extends BatchDataSourceScriptDatabaseInitializer {

	private final DataSource dataSource;

	private final String prefix;

	PrefixedBatchSchema(DataSource dataSource, BatchJdbcProperties properties, String prefix) {
		super(dataSource, properties);
		this.dataSource = dataSource;
		this.prefix = prefix;
	}

	/** Creates the schema over {@code connection}, as this initializer would as the application starts. */
	static void createOn(Connection connection, BatchJdbcProperties properties, String prefix) {
		PrefixedBatchSchema schema = new PrefixedBatchSchema(new SingleConnectionDataSource(connection, true),
				properties, prefix);
		schema.setResourceLoader(new DefaultResourceLoader(PrefixedBatchSchema.class.getClassLoader()));
		schema.initializeDatabase();
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		if (!(this.dataSource instanceof ConnectionsOnDemand onDemand && onDemand.setsUpOnFirstUse())) {
			super.afterPropertiesSet();
		}
	}

	@Override
	protected void runScripts(Scripts scripts) {
		if (this.prefix.equals(BatchTables.DEFAULT_PREFIX)) {
			super.runScripts(scripts);
			return;
		}
		Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
		List<Resource> prefixed = new ArrayList<>();
		for (Resource script : scripts) {
			prefixed.add(new ByteArrayResource(
					withPrefix(read(script, encoding), this.prefix).getBytes(StandardCharsets.UTF_8),
					script.getDescription()));
		}
		super.runScripts(new Scripts(prefixed).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(StandardCharsets.UTF_8));
	}

	/**
	 * The script with every {@code BATCH_} name under {@code prefix} instead: Fanout's own tables keep theirs. An
	 * index's name loses the prefix's schema: PostgreSQL refuses a schema there (the script's error would be ignored,
	 * leaving no index), and both databases create an index in its table's schema.
	 */
	static String withPrefix(String script, String prefix) {
		return script.replace(BatchTables.DEFAULT_PREFIX, prefix)
			.replaceAll("(?i)(CREATE\\s+INDEX\\s+IF\\s+NOT\\s+EXISTS\\s+)\\w+\\.", "$1");
	}

	private static String read(Resource script, Charset encoding) {
		try {
			return script.getContentAsString(encoding);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the schema script " + script.getDescription(), ex);
		}
	}

}
