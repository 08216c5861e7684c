package dev.fanout.factorize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The fan-out: reads the input once and gives each worker its share (input positions and numbers) in its partition's
 * execution context, so a worker needs nothing but that context, wherever it runs. The number of shares and of
 * numbers go into the job's execution context for the fan-in and for restarts, which reuse the saved partitions
 * without reading the input again.
 */
class FactorizePartitioner implements Partitioner, PartitionNameProvider {

	static final String SHARES = "factorize.shares";

	static final String TOTAL = "factorize.total";

	static final String PARTITION = "partition";

	static final String POSITIONS = "positions";

	static final String NUMBERS = "numbers";

	private final FactorizeParameters parameters;

	private final ExecutionContext jobContext;

	FactorizePartitioner(FactorizeParameters parameters, ExecutionContext jobContext) {
		this.parameters = parameters;
		this.jobContext = jobContext;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<Long> numbers = this.parameters.readNumbers();
		List<int[]> shares = WorkShares.split(numbers, this.parameters.threads(), this.parameters.algorithm());
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int share = 0; share < shares.size(); share++) {
			int[] positions = shares.get(share);
			ExecutionContext context = new ExecutionContext();
			context.putInt(PARTITION, share);
			context.put(POSITIONS, positions);
			context.put(NUMBERS, IntStream.of(positions).mapToLong(numbers::get).toArray());
			partitions.put(name(share), context);
		}
		this.jobContext.putInt(SHARES, shares.size());
		this.jobContext.putLong(TOTAL, numbers.size());
		return partitions;
	}

	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		List<String> names = new ArrayList<>();
		for (int share = 0; share < this.jobContext.getInt(SHARES); share++) {
			names.add(name(share));
		}
		return names;
	}

	private static String name(int share) {
		return PARTITION + share;
	}

}
