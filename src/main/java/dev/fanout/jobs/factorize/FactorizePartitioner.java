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
import dev.fanout.jobs.factorize.numbers.WorkShares;

/**
 * The fan-out: takes the input the launch read (or reads it, once) and writes each worker's share to the repository
 * as rows of the instance's {@code numbers} dataset ({@link PartitionData}, {@link FactorizeData}: shard = share,
 * sorted by input position); the partition's execution context holds only its share's number. A worker needs nothing but the
 * database, wherever it runs. The plan (how many shares, how many numbers) is saved in the manager step's context
 * before any worker starts: a restart, even after kill -9, rebuilds the same partitions from it without reading the
 * input again, and the fan-in reads the plan there too.
 */
class FactorizePartitioner implements Partitioner {

	static final String SHARES = "factorize.shares";

	static final String TOTAL = "factorize.total";

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
			partitions.put(PARTITION + share, context);
		}
		return partitions;
	}

	/**
	 * Writes the shares' rows (replacing those of an earlier try that died before saving its plan), then saves the
	 * plan: a restart finds either no plan or all the rows.
	 */
	private void makePlan(ExecutionContext plan) {
		// Read by the launch (handed over in the parameters), or now when the launch did not read it.
		List<Long> numbers = this.parameters.numbers(this.dataDir);
		List<int[]> shares = WorkShares.split(numbers, this.parameters.threads(), this.parameters.algorithm());
		long instance = this.managerStep.getJobExecution().getJobInstance().getInstanceId();
		this.data.replace(FactorizeData.numbers(instance), rows(shares, numbers));
		plan.putInt(SHARES, shares.size());
		plan.putLong(TOTAL, numbers.size());
		this.jobRepository.updateExecutionContext(this.managerStep);
	}

	/** Each share's numbers as rows of up to {@link FactorizeData#PAGE} numbers, share by share, in input order. */
	private static Iterator<Row> rows(List<int[]> shares, List<Long> numbers) {
		return new Iterator<>() {

			private int share;

			private int index;

			@Override
			public boolean hasNext() {
				while (this.share < shares.size() && this.index == shares.get(this.share).length) {
					this.share++;
					this.index = 0;
				}
				return this.share < shares.size();
			}

			@Override
			public Row next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int[] positions = shares.get(this.share);
				List<NumberAt> page = new ArrayList<>(FactorizeData.PAGE);
				while (this.index < positions.length && page.size() < FactorizeData.PAGE) {
					int position = positions[this.index++];
					page.add(new NumberAt(position, numbers.get(position)));
				}
				return new Row(this.share, page.get(0).position(), FactorizeData.numbersRow(page));
			}

		};
	}

}
