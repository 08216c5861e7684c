package dev.fanout.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Batch's repository, its writes of an ended step's row and context made once instead of four times. A step
 * records its end twice, before and after its listeners' {@code afterStep}, each time its row and then its context in a
 * transaction of its own: four commits, each a round trip to the repository's server, with nothing changed between
 * them unless a listener changed something. Here a write of a step that has ended, outside any transaction, writes
 * what changed of its row and its context in one transaction, and a write that would store what this thread last
 * committed of them (the next ones, usually) is skipped: two round trips and a commit instead of ten and four.
 * <p>
 * "Changed" is exact: the row's fields as Spring Batch writes them, its version included, and the context's bytes as
 * Java serialization writes them, so a value changed in place counts though the context's dirty flag does not see
 * it. A context that cannot be serialized so is written, as if changed. Anything else
 * goes straight through, and a write inside a caller's transaction (a chunk's) forgets what was committed, since that
 * transaction may still roll back. A skipped write does not read the job's status first, as Spring Batch's update
 * does to see a stop: the write before it, a moment earlier, did.
 * <p>
 * What was committed is kept per thread (a step's end runs on the step's thread), for one step at a time: nothing is
 * shared between threads, so nothing needs a lock.
 */
final class UnchangedWrites implements InvocationHandler {

	private static final ExecutionContextSerializer SERIALIZER = new DefaultExecutionContextSerializer();

	private final JobRepository repository;

	private final Supplier<TransactionOperations> transactions;

	/** What this thread last committed of a step, or null. Confined to its thread. */
	private final ThreadLocal<@Nullable Committed> committed = new ThreadLocal<>();

	private UnchangedWrites(JobRepository repository, Supplier<TransactionOperations> transactions) {
		this.repository = repository;
		this.transactions = SingletonSupplier.of(transactions);
	}

	/** {@code repository} with its ended steps' repeated writes skipped; the transactions looked up on first use. */
	static JobRepository around(JobRepository repository, Supplier<TransactionOperations> transactions) {
		return (JobRepository) Proxy.newProxyInstance(UnchangedWrites.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, new UnchangedWrites(repository, transactions));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			default -> {
			}
		}
		if (args != null && args.length == 1 && args[0] instanceof StepExecution step
				&& (name.equals("update") || name.equals("updateExecutionContext"))) {
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				this.committed.remove();
			}
			else if (name.equals("update") && step.getEndTime() != null) {
				writeEnded(step);
				return null;
			}
			else if (name.equals("updateExecutionContext")) {
				writeContext(step);
				return null;
			}
		}
		else if (!name.startsWith("get") && !name.startsWith("find")) {
			this.committed.remove(); // a write of another kind: what it changes is not followed here
		}
		return call(method, args);
	}

	/** What changed of an ended step, its row or its context or both, in one transaction. */
	private void writeEnded(StepExecution step) {
		Committed last = committedOf(step);
		byte[] context = serialized(step);
		boolean rowChanged = last == null || !Row.of(step).equals(last.row());
		boolean contextChanged = last == null || context == null || !Arrays.equals(last.context(), context);
		if (!rowChanged && !contextChanged) {
			return;
		}
		this.committed.remove();
		inTransaction(() -> {
			if (rowChanged) {
				this.repository.update(step);
			}
			if (contextChanged) {
				this.repository.updateExecutionContext(step);
			}
		});
		this.committed.set(new Committed(step, Row.of(step), contextChanged ? context : last.context()));
	}

	/** A step's context in a transaction of its own, unless this thread committed the same bytes last. */
	private void writeContext(StepExecution step) {
		Committed last = committedOf(step);
		byte[] context = serialized(step);
		if (last != null && context != null && Arrays.equals(last.context(), context)) {
			step.getExecutionContext().clearDirtyFlag(); // as Spring Batch's write does
			return;
		}
		this.committed.remove();
		inTransaction(() -> this.repository.updateExecutionContext(step));
		this.committed.set(new Committed(step, (last != null) ? last.row() : null, context));
	}

	/** What this thread last committed of {@code step}'s row, or null if it was another's or nothing. */
	private @Nullable Committed committedOf(StepExecution step) {
		Committed last = this.committed.get();
		return (last != null && last.isOf(step)) ? last : null;
	}

	/** The context's bytes, or null if it cannot be serialized here (then it is written, as if changed). */
	private static byte @Nullable [] serialized(StepExecution step) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			SERIALIZER.serialize(step.getExecutionContext().toMap(), bytes);
			return bytes.toByteArray();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private void inTransaction(Runnable writes) {
		this.transactions.get().executeWithoutResult((status) -> writes.run());
	}

	private @Nullable Object call(Method method, Object[] args) throws Throwable {
		return AopUtils.invokeJoinpointUsingReflection(this.repository, method, args);
	}

	/** A step's row as Spring Batch's update writes it, but for its last-updated time. */
	private record Row(long id, @Nullable Integer version, @Nullable LocalDateTime start, @Nullable LocalDateTime end,
			BatchStatus status, ExitStatus exit, long commits, long reads, long filters, long writes, long readSkips,
			long processSkips, long writeSkips, long rollbacks) {

		static Row of(StepExecution step) {
			return new Row(step.getId(), step.getVersion(), step.getStartTime(), step.getEndTime(), step.getStatus(),
					step.getExitStatus(), step.getCommitCount(), step.getReadCount(), step.getFilterCount(),
					step.getWriteCount(), step.getReadSkipCount(), step.getProcessSkipCount(),
					step.getWriteSkipCount(), step.getRollbackCount());
		}

	}

	/**
	 * What a thread committed of one step execution: its row and its context's bytes (each null: unknown). The
	 * execution is held weakly, so a thread that runs no more steps keeps none alive.
	 */
	private record Committed(WeakReference<StepExecution> step, @Nullable Row row, byte @Nullable [] context) {

		Committed(StepExecution step, @Nullable Row row, byte @Nullable [] context) {
			this(new WeakReference<>(step), row, context);
		}

		boolean isOf(StepExecution execution) {
			return this.step.get() == execution;
		}

	}

}
