package dev.fanout.jobs.factorize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.jobs.factorize.numbers.NumberAt;
import dev.fanout.jobs.factorize.numbers.WorkPages;
import dev.fanout.jobs.factorize.numbers.WorkPages.Page;

/**
 * The fan-out: takes the input the launch read (or reads it, once), cuts it into pages ({@link WorkPages}) and writes
 * them to the repository as unclaimed rows of the instance's {@code numbers} dataset ({@link PartitionData},
 * {@link FactorizeData}), in the order to take them; {@code threads} partitions then claim them as they free up
 * ({@link FactorizeShare}), and the partition's execution context holds only its number and the plan's size. A worker needs nothing but
 * the database, wherever it runs. The plan (how many partitions, how many numbers) is saved in the manager step's
 * context before any worker starts: a restart, even after kill -9, rebuilds the same partitions from it without
 * reading the input again, and the fan-in reads the plan there too.
 */
class FactorizePartitioner implements Partitioner {

	/** How many partitions the plan has: each writes its results under its own number. */
	static final String SHARES = "factorize.shares";

	static final String TOTAL = "factorize.total";

	/**
	 * The estimated work of all the plan's pages, by which they are numbered (each by the work of those before it, in
	 * the order to take them); in every partition's context, for its claims.
	 */
	static final String WORK = "factorize.work";

	static final String PARTITION = "partition";

	private final FactorizeParameters parameters;

	private final Path dataDir;

	private final PartitionData data;

	private final StepExecution managerStep;

	private final JobRepository jobRepository;

	FactorizePartitioner(FactorizeParameters parameters, Path dataDir, PartitionData data, StepExecution managerStep,
			JobRepository jobRepository) {
		this.parameters = parameters;
		this.dataDir = dataDir;
		this.data = data;
		this.managerStep = managerStep;
		this.jobRepository = jobRepository;
	}

	/** The saved plan's partitions; the plan is made first (reading the input) unless an earlier run saved it. */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		ExecutionContext plan = this.managerStep.getExecutionContext();
		if (!plan.containsKey(SHARES)) {
			makePlan(plan);
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int share = 0; share < plan.getInt(SHARES); share++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PARTITION, share);
			context.putInt(SHARES, plan.getInt(SHARES));
			context.putLong(WORK, plan.getLong(WORK, 0));
			partitions.put(PARTITION + share, context);
		}
		return partitions;
	}

	/**
	 * Writes the pages' rows (replacing those of an earlier try that died before saving its plan), then saves the
	 * plan: a restart finds either no plan or all the rows.
	 */
	private void makePlan(ExecutionContext plan) {
		// Read by the launch (handed over in the parameters), or now when the launch did not read it.
		List<Long> numbers = this.parameters.numbers(this.dataDir);
		List<Page> pages = WorkPages.split(numbers, this.parameters.threads(), this.parameters.algorithm(),
				FactorizeData.PAGE);
		long instance = this.managerStep.getJobExecution().getJobInstance().getInstanceId();
		long[] work = new long[pages.size() + 1];
		double before = 0;
		for (int page = 0; page < pages.size(); page++) {
			// Rounded, and kept increasing: a page of a cost below 1 (fast on 1) still has a number of its own.
			work[page] = (page == 0) ? 0 : Math.max(work[page - 1] + 1, Math.round(before));
			before += pages.get(page).cost();
		}
		work[pages.size()] = (pages.isEmpty()) ? 0 : Math.max(work[pages.size() - 1] + 1, Math.round(before));
		this.data.replace(FactorizeData.numbers(instance), rows(pages, work, numbers));
		// As many partitions as threads, whatever the pages: one that finds none left ends at once, and a run's shape
		// stays what its parameters say.
		plan.putInt(SHARES, Math.max(1, Math.min(this.parameters.threads(), numbers.size())));
		plan.putLong(TOTAL, numbers.size());
		plan.putLong(WORK, work[pages.size()]);
		this.jobRepository.updateExecutionContext(this.managerStep);
	}

	/** The pages as unclaimed rows, in the order to take them, each numbered by the work before it. */
	private static Iterator<Row> rows(List<Page> pages, long[] work, List<Long> numbers) {
		return new Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				return this.next < pages.size();
			}

			@Override
			public Row next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				Page page = pages.get(this.next);
				List<NumberAt> content = new ArrayList<>(page.count());
				for (int position = page.from(); position < page.from() + page.count(); position++) {
					content.add(new NumberAt(position, numbers.get(position)));
				}
				return new Row(PartitionData.UNCLAIMED, work[this.next++], FactorizeData.numbersRow(content));
			}

		};
	}

}
