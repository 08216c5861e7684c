package dev.fanout.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Spring Batch's repository, its lookups of a step's earlier executions answered without the database while a new
 * instance runs its first execution. Before every step Spring Batch asks for the step's last execution in the instance
 * and for how many it has had ({@code SimpleStepHandler}), and a partitioned step's splitter asks for each partition's:
 * each a query and a commit, round trips to the repository's server. An instance that this repository created a moment
 * ago, running its first execution here, has no step executions but those this repository created for it since: a
 * step name among them goes to the database as before; any other has none, and is answered so here (no last
 * execution, a count of 0), as the database would answer.
 * <p>
 * An instance counts as new from its creation ({@code createJobInstance}), if the same thread's next call on the
 * repository creates its execution (as Spring Batch's launcher does), to the write of that execution's end
 * ({@code update} of a job execution with an end time); any other execution created for it (a restart) ends that, as
 * does the end's write failing. Another process cannot run the instance meanwhile: a running execution is neither
 * restarted nor recovered while its owner is alive.
 * <p>
 * Shared between every thread of the process (partitions and concurrent jobs): the new instances are in a concurrent
 * map, each with a concurrent set of its step names; the instance just created waits for its execution in a
 * thread-local, as the launcher creates both on one thread.
 */
final class FirstExecutionLookups implements InvocationHandler {

	private final JobRepository repository;

	/** Each new instance's id, with its first execution's id and the names of the steps it has created. */
	private final Map<Long, FirstExecution> running = new ConcurrentHashMap<>();

	/**
	 * The instance this thread's launcher has just created, until the thread's next call on the repository (its first
	 * execution's creation, as Spring Batch's launcher makes it, or anything else). Confined to its thread.
	 */
	private final ThreadLocal<@Nullable Long> created = new ThreadLocal<>();

	private FirstExecutionLookups(JobRepository repository) {
		this.repository = repository;
	}

	/** {@code repository} with a new instance's lookups of earlier step executions answered without the database. */
	static JobRepository around(JobRepository repository) {
		return (JobRepository) Proxy.newProxyInstance(FirstExecutionLookups.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, new FirstExecutionLookups(repository));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		// Taken by the thread's next call whatever it is: only an execution created right after counts as the first.
		Long created = this.created.get();
		if (created != null) {
			this.created.remove();
		}
		switch (method.getName()) {
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			case "getLastStepExecution", "getStepExecutionCount" -> {
				if (args.length == 2 && args[0] instanceof JobInstance instance && args[1] instanceof String step
						&& none(instance, step)) {
					return method.getName().equals("getStepExecutionCount") ? 0L : null;
				}
			}
			case "createJobInstance" -> {
				JobInstance instance = (JobInstance) call(method, args);
				this.created.set(instance.getInstanceId());
				return instance;
			}
			case "createJobExecution" -> {
				if (args.length > 0 && args[0] instanceof JobInstance instance) {
					this.running.remove(instance.getInstanceId());
					JobExecution execution = (JobExecution) call(method, args);
					if (created != null && created == instance.getInstanceId()) {
						this.running.put(created, new FirstExecution(execution.getId(), ConcurrentHashMap.newKeySet()));
					}
					return execution;
				}
			}
			case "createStepExecution" -> {
				if (args.length == 2 && args[0] instanceof String step && args[1] instanceof JobExecution execution) {
					// Noted before the step exists: a lookup meanwhile asks the database, which is never wrong.
					FirstExecution first = this.running.get(execution.getJobInstance().getInstanceId());
					if (first != null && first.execution() == execution.getId()) {
						first.steps().add(step);
					}
				}
			}
			case "update" -> {
				if (args.length == 1 && args[0] instanceof JobExecution execution && execution.getEndTime() != null) {
					// Before the write: if it fails, the execution is no longer this process's to answer for.
					this.running.remove(execution.getJobInstance().getInstanceId());
				}
			}
			default -> {
			}
		}
		return call(method, args);
	}

	/** Whether {@code instance} is new, running its first execution here, and has not created {@code step}. */
	private boolean none(JobInstance instance, String step) {
		FirstExecution first = this.running.get(instance.getInstanceId());
		return first != null && !first.steps().contains(step);
	}

	private @Nullable Object call(Method method, Object[] args) throws Throwable {
		return AopUtils.invokeJoinpointUsingReflection(this.repository, method, args);
	}

	/** A new instance's first execution, and the steps it has created (a concurrent set). */
	private record FirstExecution(long execution, Set<String> steps) {
	}

}
