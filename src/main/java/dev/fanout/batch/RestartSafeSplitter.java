package dev.fanout.batch;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Splits a manager step into partitions whose input survives a kill at any moment. Spring Batch's
 * {@code SimpleStepExecutionSplitter} saves a new partition with an empty context and fills the context in a second
 * write; a process killed between the two leaves a partition that a restart resumes with nothing to work on (seen as
 * "Value for key=[band] is not of type Integer, it is null"). Here a restarted partition starts from the
 * partitioner's context with the earlier attempt's entries laid over it, so its input is never missing and its saved
 * progress is kept; entries that describe the attempt itself ({@link #THIS_ATTEMPT}) are the partitioner's. That
 * needs a partitioner that returns the same partitions on a restart: Fanout's rebuild them from a plan saved in the
 * manager's context.
 * <p>
 * Which partitions run follows Spring Batch's rules: new and failed or stopped ones do, completed ones do not (unless
 * completed in this same job execution), and one left running or abandoned is refused.
 */
public final class RestartSafeSplitter implements StepExecutionSplitter {

	/** The manager's record of its grid size, under the key Spring Batch's own splitter uses. */
	public static final String GRID_SIZE = "SimpleStepExecutionSplitter.GRID_SIZE";

	/**
	 * The manager's record of how many partitions its partitioner made, those that run now and those that completed
	 * in an earlier attempt: the total of its fan-out for {@link Progress}. Saved once the partitions that run exist.
	 */
	public static final String PARTITIONS = "fanout.partitions";

	/**
	 * Context entries under this prefix say how this attempt runs a partition (where its input is: files of this
	 * machine, or rows of the repository for remote workers), not how far it got: a restarted partition takes the
	 * partitioner's value, never the earlier attempt's. A life run started with local workers and restarted with remote
	 * ones kept its first attempt's "files" and failed on a worker, which has none of the manager's files.
	 */
	public static final String THIS_ATTEMPT = "fanout.attempt.";

	private final JobRepository jobRepository;

	private final String stepName;

	private final Partitioner partitioner;

	private final TransactionOperations transactions;

	public RestartSafeSplitter(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			String stepName, Partitioner partitioner) {
		this.jobRepository = jobRepository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.stepName = stepName;
		this.partitioner = partitioner;
	}

	@Override
	public String getStepName() {
		return this.stepName;
	}

	@Override
	public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
		ExecutionContext managerContext = manager.getExecutionContext();
		// The grid size, the partitioner's plan and the reads that judge the partitions in one transaction: one
		// commit, a round trip to the repository's server, instead of one each.
		Judged judged = Objects.requireNonNull(this.transactions.execute((status) -> judge(manager, gridSize)));
		if (judged.refusal() != null) {
			throw judged.refusal();
		}
		Map<String, ExecutionContext> toRun = judged.toRun();
		JobExecution job = manager.getJobExecution();
		// Spring Batch creates each in a transaction of its own, and refuses to in the caller's.
		Set<StepExecution> partitions = new LinkedHashSet<>();
		for (Map.Entry<String, ExecutionContext> partition : toRun.entrySet()) {
			StepExecution execution = this.jobRepository.createStepExecution(partition.getKey(), job);
			execution.setExecutionContext(partition.getValue());
			partitions.add(execution);
		}
		// Their contexts and the manager's count in one commit: a kill before it leaves partitions with empty
		// contexts, which a restart fills from the partitioner as it would after a kill between two of them.
		this.transactions.executeWithoutResult((status) -> {
			partitions.forEach(this.jobRepository::updateExecutionContext);
			managerContext.putInt(PARTITIONS, judged.partitions());
			this.jobRepository.updateExecutionContext(manager);
		});
		return partitions;
	}

	/** The partitions the partitioner makes, and those of them that run now, or why none may. */
	private Judged judge(StepExecution manager, int gridSize) {
		ExecutionContext managerContext = manager.getExecutionContext();
		if (!managerContext.containsKey(GRID_SIZE)) {
			// A restart keeps the grid size of the first attempt.
			managerContext.putLong(GRID_SIZE, gridSize);
			this.jobRepository.updateExecutionContext(manager);
		}
		Map<String, ExecutionContext> contexts = this.partitioner.partition((int) managerContext.getLong(GRID_SIZE));
		JobExecution job = manager.getJobExecution();
		// Every partition is judged before any is created: a refusal after some were created would leave those
		// STARTING, and every later restart would refuse them in turn as left running.
		Map<String, ExecutionContext> toRun = new LinkedHashMap<>();
		for (Map.Entry<String, ExecutionContext> partition : contexts.entrySet()) {
			String name = this.stepName + ":" + partition.getKey();
			StepExecution last = this.jobRepository.getLastStepExecution(job.getJobInstance(), name);
			try {
				if (last != null && !runsAgain(last, manager)) {
					continue;
				}
			}
			catch (JobExecutionException refusal) {
				return new Judged(contexts.size(), Map.of(), refusal);
			}
			ExecutionContext context = new ExecutionContext(partition.getValue());
			if (last != null) {
				last.getExecutionContext()
					.entrySet()
					.stream()
					.filter((entry) -> !entry.getKey().startsWith(THIS_ATTEMPT))
					.forEach((entry) -> context.put(entry.getKey(), entry.getValue()));
			}
			toRun.put(name, context);
		}
		return new Judged(contexts.size(), toRun, null);
	}

	private static boolean runsAgain(StepExecution last, StepExecution manager) throws JobExecutionException {
		BatchStatus status = last.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return last.getJobExecutionId() == manager.getJobExecutionId();
		}
		if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
			return true;
		}
		throw new JobExecutionException("Cannot restart partition " + last.getStepName() + " from status " + status
				+ (status.isRunning() ? ": its earlier execution may still be running; recover it first"
						: ": it was abandoned"));
	}

	/** How many partitions the partitioner made, the contexts of those that run now, and why none may (or null). */
	private record Judged(int partitions, Map<String, ExecutionContext> toRun,
			@Nullable JobExecutionException refusal) {
	}

}
