package dev.fanout.core;

import java.sql.Connection;

/**
 * A data source that knows, without connecting, which database its connections reach and the state it hands them out
 * in. What asks only that (Spring Batch's choice of SQL dialect as the context starts, a lazy connection's defaults)
 * then opens no connection, and a command that never uses the database (help, {@code jobs}, a refused parameter)
 * never reaches it.
 */
public interface KnownDatabase {

	/** What its connections' metadata call the database ({@link java.sql.DatabaseMetaData#getDatabaseProductName}). */
	String databaseProductName();

	/** The auto-commit mode of a connection as it hands it out. */
	boolean defaultAutoCommit();

	/** The isolation level of a connection as it hands it out, one of {@link Connection}'s constants. */
	int defaultTransactionIsolation();

}
