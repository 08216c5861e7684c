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
import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.grid.Band;

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

	private final PartitionData data;

	LifeFanIn(LifeFiles files, JobRepository jobRepository, PartitionData data) {
		this.files = files;
		this.jobRepository = jobRepository;
		this.data = data;
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
				bandFilesFromRows(manager, checkpoints, next, plan.getInt(LifePartitioner.HEIGHT), bands);
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
			if (executions.stream()
				.anyMatch((band) -> Boolean.parseBoolean(band.getExecutionContext().getString(BandRows.VIA_ROWS, "false")))) {
				long instance = manager.getJobExecution().getJobInstance().getInstanceId();
				this.data.delete(BandRows.inputs(instance, generation));
				this.data.delete(BandRows.results(instance, next));
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
	 * Writes the band files of the bands that remote workers gave back as rows ({@link BandRows}): those without a file
	 * (a band that ran in this JVM, before or after a restart that switched between local and remote workers, has its
	 * file; in a local run every band has, and nothing is queried).
	 */
	private void bandFilesFromRows(StepExecution manager, Checkpoints checkpoints, long next, int height, int bands)
			throws IOException {
		long instance = manager.getJobExecution().getJobInstance().getInstanceId();
		List<Band> split = Band.split(height, bands);
		for (int band = 0; band < bands; band++) {
			if (Files.exists(checkpoints.band(next, band))) {
				continue;
			}
			List<Row> rows = this.data.rows(BandRows.results(instance, next), band, band, 1);
			if (!rows.isEmpty()) {
				GridFile.writeRows(checkpoints.band(next, band), BandRows.decode(rows.get(0).content()), height,
						split.get(band).from(), next);
			}
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
