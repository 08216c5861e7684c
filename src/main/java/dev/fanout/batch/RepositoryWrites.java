package dev.fanout.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Batch's repository with something done first, in the same transaction, whenever it writes an execution or
 * its context ({@code update}, {@code updateExecutionContext}); every other call goes straight through. The
 * transaction is the caller's (a chunk's), else one of its own, as Spring Batch's would be. Used to take a pooled
 * connection before Spring Batch's DAOs lock ({@link ConnectionsOnDemand}), and to fence a remote worker's writes by
 * its claim ({@code dev.fanout.remote.ClaimFence}).
 * <p>
 * A job's update of its own execution that a stop's mark overtook is written again ({@link #write}).
 */
public abstract class RepositoryWrites implements InvocationHandler {

	private static final Set<String> WRITES = Set.of("update", "updateExecutionContext");

	private final JobRepository repository;

	private final Supplier<TransactionOperations> transactions;

	protected RepositoryWrites(JobRepository repository, Supplier<TransactionOperations> transactions) {
		this.repository = repository;
		this.transactions = SingletonSupplier.of(transactions);
	}

	/**
	 * {@code repository} with {@code writes} around its writes, unless it already has writes of that kind around them.
	 * @param writes built on {@code repository}
	 */
	protected static JobRepository around(JobRepository repository, RepositoryWrites writes) {
		if (Proxy.isProxyClass(repository.getClass())
				&& Proxy.getInvocationHandler(repository).getClass() == writes.getClass()) {
			return repository;
		}
		return (JobRepository) Proxy.newProxyInstance(RepositoryWrites.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, writes);
	}

	/**
	 * Runs in the write's transaction, before the write.
	 * @param written the execution or job execution written
	 * @return whether to write it
	 */
	protected abstract boolean beforeWrite(Object written);

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			default -> {
				if (!WRITES.contains(method.getName())) {
					return call(method, args);
				}
				return write(method, args);
			}
		}
	}

	/**
	 * The write in the caller's transaction, else in one of its own; in one of its own, a job execution's update
	 * that a stop's mark overtook is written once more. Spring Batch reads the row's version and status, then writes
	 * where the version is the one it read; {@code ExecutionStopper} marks the row STOPPING with a new version in one
	 * statement of its own, and one that commits between that read and that write failed the write, with an
	 * {@link OptimisticLockingFailureException} that Spring Batch does not expect there: a job stopped as it ended
	 * (the chapter stopping its items) ended FAILED, its row left STOPPING with no end time. Written again, the update
	 * reads the mark, as it does when the stop comes a moment sooner: the job goes on to stop, or, having ended,
	 * ends STOPPED (FAILED stays FAILED). Any other change of the row (a forced recovery) is the caller's to hear of.
	 */
	private @Nullable Object write(Method method, Object[] args) {
		boolean ownTransaction = !TransactionSynchronizationManager.isActualTransactionActive();
		try {
			return writeOnce(method, args);
		}
		catch (OptimisticLockingFailureException ex) {
			if (!ownTransaction || !(args[0] instanceof JobExecution execution) || !markedStopping(execution)) {
				throw ex;
			}
			return writeOnce(method, args);
		}
	}

	private boolean markedStopping(JobExecution execution) {
		JobExecution stored = this.repository.getJobExecution(execution.getId());
		return stored != null && stored.getStatus() == BatchStatus.STOPPING;
	}

	private @Nullable Object writeOnce(Method method, Object[] args) {
		return this.transactions.get().execute((status) -> {
			if (!beforeWrite(args[0])) {
				return null; // the writes return nothing
			}
			try {
				return call(method, args);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// None: the writes declare no checked exception.
				throw new UndeclaredThrowableException(ex);
			}
		});
	}

	private @Nullable Object call(Method method, Object[] args) throws Throwable {
		return AopUtils.invokeJoinpointUsingReflection(this.repository, method, args);
	}

}
