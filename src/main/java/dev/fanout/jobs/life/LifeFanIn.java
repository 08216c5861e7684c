package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.format.GridFile;

/**
 * The fan-in of one partitioned step, run by the manager once every band has ended: when all completed, it adds up the
 * bands' populations per generation, joins the band files into the next checkpoint (written last, atomically: it is
 * what marks the step as done) and removes the band files and the previous checkpoint unless it is generation 0.
 * Each action can be repeated after a crash at any point. Any problem fails the manager step, so the decider never
 * sees a half-made checkpoint.
 */
class LifeFanIn implements StepExecutionAggregator {

	private final DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();

	private final LifeFiles files;

	private final JobRepository jobRepository;

	LifeFanIn(LifeFiles files, JobRepository jobRepository) {
		this.files = files;
		this.jobRepository = jobRepository;
	}

	@Override
	public void aggregate(StepExecution manager, Collection<StepExecution> executions) {
		this.counts.aggregate(manager, executions);
		if (executions.stream().anyMatch((e) -> e.getStatus() != BatchStatus.COMPLETED)) {
			return;
		}
		ExecutionContext plan = manager.getExecutionContext();
		long generation = plan.getLong(LifePartitioner.GENERATION);
		int steps = plan.getInt(LifePartitioner.STEPS);
		int bands = plan.getInt(LifePartitioner.BANDS);
		long next = generation + steps;
		Checkpoints checkpoints = this.files.checkpoints(manager.getJobExecution());
		List<Path> bandFiles = new ArrayList<>();
		for (int band = 0; band < bands; band++) {
			bandFiles.add(checkpoints.band(next, band));
		}
		try {
			// A checkpoint that exists is complete: a run killed after writing it, before the step was recorded as
			// done, restarts here and only has to tidy up.
			if (!Files.exists(checkpoints.grid(next))) {
				long[] populations = populations(manager.getJobExecution().getJobInstance(), executions, generation,
						steps, bands);
				AtomicFiles.write(checkpoints.populations(next), (writer) -> {
					for (int i = 0; i < steps; i++) {
						writer.write((generation + i + 1) + "," + populations[i] + "\n");
					}
				});
				GridFile.merge(bandFiles, checkpoints.grid(next));
			}
			for (Path band : bandFiles) {
				Files.deleteIfExists(band);
			}
			if (generation > 0) {
				Files.deleteIfExists(checkpoints.grid(generation));
			}
			JobOutputs.summarize(manager.getJobExecution(), "generation %d of %d, population %d".formatted(next,
					this.files.parameters(manager.getJobExecution()).generations(),
					GridFile.readHeader(checkpoints.grid(next)).population()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot write the checkpoint of generation " + next + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Population per generation, summed over the bands, from every band's last execution: the ones that ran in this
	 * step are at hand; a band that completed in an earlier attempt (before a restart) is read from the repository.
	 */
	private long[] populations(JobInstance instance, Collection<StepExecution> executions, long generation, int steps,
			int bands) {
		Map<String, StepExecution> ran = new HashMap<>();
		executions.forEach((execution) -> ran.put(execution.getStepName(), execution));
		long[] total = new long[steps];
		for (int band = 0; band < bands; band++) {
			String name = LifeJobConfiguration.WORKER + ":" + LifePartitioner.name(generation, band);
			StepExecution last = ran.containsKey(name) ? ran.get(name)
					: this.jobRepository.getLastStepExecution(instance, name);
			long[] populations = (long[]) last.getExecutionContext().get(BandWorker.POPULATIONS);
			for (int i = 0; i < steps; i++) {
				total[i] += populations[i];
			}
		}
		return total;
	}

}
