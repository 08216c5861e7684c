package dev.fanout.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Batch's repository with something done first, in the same transaction, whenever it writes an execution or
 * its context ({@code update}, {@code updateExecutionContext}); every other call goes straight through. The
 * transaction is the caller's (a chunk's), else one of its own, as Spring Batch's would be. Used to take a pooled
 * connection before Spring Batch's DAOs lock ({@link ConnectionsOnDemand}), and to fence a remote worker's writes by
 * its claim ({@code dev.fanout.remote.ClaimFence}).
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
		}
	}

	private @Nullable Object call(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.repository, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
