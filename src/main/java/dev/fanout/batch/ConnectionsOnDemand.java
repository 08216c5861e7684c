package dev.fanout.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

import dev.fanout.core.KnownDatabase;

/**
 * The application's data source as every bean sees it: a connection handed out takes one of the pool's only when its
 * first statement runs, and gives it back when closed. A step's transaction (a tasklet call, a chunk) begins when the
 * step calls its work; Spring's transaction manager took a pooled connection there and kept it until the commit, so
 * each partition held one for the whole of its computation, and more partitions at once than the pool's connections
 * ({@code spring.datasource.hikari.maximum-pool-size}) waited for one until they timed out and failed the job. Here
 * the transaction's settings are kept until a statement needs them, and the connection is taken for the writes and
 * the commit at its end: a partition holds one for milliseconds, whatever its computation takes.
 * <p>
 * That holds only if the work reads nothing from the repository in its transaction: a read there takes the
 * connection for the rest of it. Work that reads the repository as it goes reads outside the transaction
 * ({@link PartitionData#committedRows}, {@link StopRequests}), before it writes (a read outside a transaction that
 * already has its connection would take a second one).
 * <p>
 * <b>Spring Batch's locks.</b> Spring Batch's DAOs update a step's context, a step and a job execution each under a
 * lock of their own, shared by every thread. A transaction whose first statement ran inside one of those locks took
 * its connection there: while every pooled connection belonged to transactions that had written first (factorize's
 * results) and now waited for the lock, the thread holding it waited for a connection, until the pool's timeout
 * failed the step (seen: 8 workers, 3 connections). So the repository is wrapped too
 * ({@link #connectedBeforeUpdates}): its updates take their transaction's connection before they call Spring Batch.
 * <p>
 * <b>The embedded repository.</b> Over a pool that knows its database without connecting ({@link KnownDatabase}),
 * nothing connects as the application starts: the defaults of a connection come from the pool's settings instead of a
 * first connection, and the schema is created by the first connection a statement needs ({@link FirstUse}), not by
 * Boot's initializer at start-up ({@link PrefixedBatchSchema}). Over another pool (PostgreSQL), as Spring and Boot do.
 * <p>
 * Closing it closes the pool under it (Spring calls {@code close} when the context ends).
 */
public final class ConnectionsOnDemand extends LazyConnectionDataSourceProxy implements AutoCloseable {

	/** The pool set up on its first use, when it knows its database; else null. */
	private final @Nullable FirstUse firstUse;

	/** @param schema creates the schema over a connection, the first one of a pool that knows its database */
	ConnectionsOnDemand(DataSource pool, FirstUse.SetUp schema) {
		super((pool instanceof KnownDatabase known) ? new FirstUse(pool, known, schema) : pool);
		this.firstUse = (getTargetDataSource() instanceof FirstUse first) ? first : null;
		if (pool instanceof KnownDatabase known) {
			setDefaultAutoCommit(known.defaultAutoCommit());
			setDefaultTransactionIsolation(known.defaultTransactionIsolation());
		}
	}

	/** Whether its first connection creates the schema, instead of Boot's initializer as the application starts. */
	boolean setsUpOnFirstUse() {
		return this.firstUse != null;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection lazy = super.getConnection();
		return (this.firstUse != null) ? this.firstUse.withKnownMetaData(lazy) : lazy;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		Connection lazy = super.getConnection(username, password);
		return (this.firstUse != null) ? this.firstUse.withKnownMetaData(lazy) : lazy;
	}

	@Override
	public void close() throws Exception {
		DataSource target = obtainTargetDataSource();
		if (target instanceof FirstUse first) {
			target = first.getTargetDataSource();
		}
		if (target instanceof AutoCloseable pool) {
			pool.close();
		}
	}

	/**
	 * {@code repository} with each update run in a transaction (the caller's, else one of its own, as Spring Batch's
	 * would be) that has taken its connection before Spring Batch's DAOs lock.
	 */
	static JobRepository connectedBeforeUpdates(JobRepository repository, Supplier<DataSource> dataSource,
			Supplier<PlatformTransactionManager> transactionManager) {
		return RepositoryWrites.around(repository, new ConnectedBeforeUpdates(repository,
				SingletonSupplier.of(dataSource), () -> new TransactionTemplate(transactionManager.get())));
	}

	private static final class ConnectedBeforeUpdates extends RepositoryWrites {

		private final Supplier<DataSource> dataSource;

		ConnectedBeforeUpdates(JobRepository repository, Supplier<DataSource> dataSource,
				Supplier<TransactionOperations> transactions) {
			super(repository, transactions);
			this.dataSource = dataSource;
		}

		/** Takes the pooled connection of the transaction in progress now, if it has none yet. */
		@Override
		protected boolean beforeWrite(Object written) {
			DataSource source = this.dataSource.get();
			Connection connection = DataSourceUtils.getConnection(source);
			try {
				if (connection instanceof ConnectionProxy lazy) {
					lazy.getTargetConnection();
				}
			}
			finally {
				DataSourceUtils.releaseConnection(connection, source);
			}
			return true;
		}

	}

}
