package dev.fanout.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

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
 * Closing it closes the pool under it (Spring calls {@code close} when the context ends).
 */
public final class ConnectionsOnDemand extends LazyConnectionDataSourceProxy implements AutoCloseable {

	/** The repository's methods that lock in Spring Batch's DAOs. */
	private static final Set<String> LOCKING = Set.of("update", "updateExecutionContext");

	ConnectionsOnDemand(DataSource pool) {
		super(pool);
	}

	@Override
	public void close() throws Exception {
		if (obtainTargetDataSource() instanceof AutoCloseable pool) {
			pool.close();
		}
	}

	/**
	 * {@code repository} with each update run in a transaction (the caller's, else one of its own, as Spring Batch's
	 * would be) that has taken its connection before Spring Batch's DAOs lock.
	 */
	static JobRepository connectedBeforeUpdates(JobRepository repository, Supplier<DataSource> dataSource,
			Supplier<PlatformTransactionManager> transactionManager) {
		if (Proxy.isProxyClass(repository.getClass())
				&& Proxy.getInvocationHandler(repository) instanceof ConnectedBeforeUpdates) {
			return repository;
		}
		return (JobRepository) Proxy.newProxyInstance(ConnectionsOnDemand.class.getClassLoader(),
				new Class<?>[] { JobRepository.class },
				new ConnectedBeforeUpdates(repository, SingletonSupplier.of(dataSource),
						SingletonSupplier.of(() -> new TransactionTemplate(transactionManager.get()))));
	}

	private record ConnectedBeforeUpdates(JobRepository repository, Supplier<DataSource> dataSource,
			Supplier<TransactionTemplate> transactions) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				default -> {
					if (!LOCKING.contains(method.getName())) {
						return call(method, args);
					}
					return this.transactions.get().execute((status) -> {
						connect();
						try {
							return call(method, args);
						}
						catch (RuntimeException | Error ex) {
							throw ex;
						}
						catch (Throwable ex) {
							// None: the updates declare no checked exception.
							throw new UndeclaredThrowableException(ex);
						}
					});
				}
			}
		}

		/** Takes the pooled connection of the transaction in progress now, if it has none yet. */
		private void connect() {
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
		}

		private Object call(Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(this.repository, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
