package dev.fanout.jobs.factorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.factorize.numbers.ShareFiles;
import dev.fanout.jobs.factorize.numbers.WorkShares;

/**
 * The fan-out: takes the input the launch read (or reads it, once) and writes each worker's share (input positions and numbers) to a share file;
 * the partition's execution context names it, so a worker needs nothing but that context and the data directory,
 * wherever it runs. Large shares stay out of the execution context, which is saved again with every chunk. The plan
 * (how many shares, how many numbers) is saved in the manager step's context before any worker starts: a restart, even
 * after kill -9, rebuilds the same partitions from it without reading the input again, and the fan-in finds the plan
 * promoted to the job's context.
 */
class FactorizePartitioner implements Partitioner {

	static final String SHARES = "factorize.shares";

	static final String TOTAL = "factorize.total";

	static final String PARTITION = "partition";

	private final FactorizeParameters parameters;

	private final Path dataDir;

	private final Path workDirectory;

	private final StepExecution managerStep;

	private final JobRepository jobRepository;

	FactorizePartitioner(FactorizeParameters parameters, Path dataDir, Path workDirectory, StepExecution managerStep,
			JobRepository jobRepository) {
		this.parameters = parameters;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
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

	/** Splits the input into share files, then saves the plan: a restart finds either no plan or all the files. */
	private void makePlan(ExecutionContext plan) {
		// Read by the launch (handed over in the parameters), or now when the launch did not read it.
		List<Long> numbers = this.parameters.numbers(this.dataDir);
		List<int[]> shares = WorkShares.split(numbers, this.parameters.threads(), this.parameters.algorithm());
		for (int share = 0; share < shares.size(); share++) {
			writeShare(ShareFiles.input(this.workDirectory, share), shares.get(share), numbers);
		}
		plan.putInt(SHARES, shares.size());
		plan.putLong(TOTAL, numbers.size());
		this.jobRepository.updateExecutionContext(this.managerStep);
	}

	private static void writeShare(Path file, int[] positions, List<Long> numbers) {
		try {
			AtomicFiles.write(file, (writer) -> {
				for (int position : positions) {
					writer.write(ShareFiles.inputLine(position, numbers.get(position)));
					writer.newLine();
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write partition input " + file + ": " + ex.getMessage(), ex);
		}
	}

}
