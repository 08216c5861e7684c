package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.Grid;

/**
 * The fan-out of one partitioned step: the grid's rows cut into bands, each partition told its band, the generation
 * it starts from (the latest checkpoint) and how many generations to advance. Partition names carry the generation
 * ({@code gen000000120-band1}), so every step of the loop has partitions of its own, and a restart finds the bands of
 * the interrupted step that already completed. The plan is saved in the manager's context before any band runs.
 */
class LifePartitioner implements Partitioner {

	private static final Logger logger = LoggerFactory.getLogger(LifePartitioner.class);

	static final String BAND = "band";

	static final String FROM = "from";

	static final String TO = "to";

	static final String GENERATION = "generation";

	static final String STEPS = "steps";

	static final String BANDS = "bands";

	static final String HEIGHT = "height";

	private final LifeParameters parameters;

	private final Checkpoints checkpoints;

	private final StepExecution manager;

	private final JobRepository jobRepository;

	/** Where the bands' input and output go when they run on remote workers; {@code null} when they run here. */
	private final @Nullable PartitionData viaRows;

	LifePartitioner(LifeParameters parameters, Checkpoints checkpoints, StepExecution manager,
			JobRepository jobRepository, @Nullable PartitionData viaRows) {
		this.parameters = parameters;
		this.checkpoints = checkpoints;
		this.manager = manager;
		this.jobRepository = jobRepository;
		this.viaRows = viaRows;
	}

	/** The saved plan's partitions; the plan is made first, from the latest checkpoint, unless already saved. */
	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		ExecutionContext plan = this.manager.getExecutionContext();
		if (!plan.containsKey(GENERATION)) {
			makePlan(plan);
		}
		long generation = plan.getLong(GENERATION);
		List<Band> bands = Band.split(plan.getInt(HEIGHT), plan.getInt(BANDS));
		if (this.viaRows != null) {
			publishInputs(generation, plan.getInt(HEIGHT), plan.getInt(STEPS), bands);
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < bands.size(); i++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(BAND, i);
			context.putInt(FROM, bands.get(i).from());
			context.putInt(TO, bands.get(i).to());
			context.putLong(GENERATION, generation);
			context.putInt(STEPS, plan.getInt(STEPS));
			context.putInt(HEIGHT, plan.getInt(HEIGHT));
			context.putString(BandRows.VIA_ROWS, Boolean.toString(this.viaRows != null));
			partitions.put(name(generation, i), context);
		}
		return partitions;
	}

	/**
	 * Plans the step from the latest checkpoint and saves the plan before any band runs: a restart rebuilds the same
	 * partitions from it, even when later checkpoints were written meanwhile.
	 */
	private void makePlan(ExecutionContext plan) {
		long generation = this.checkpoints.latest();
		GridFile.Header header;
		try {
			header = GridFile.readHeader(this.checkpoints.grid(generation));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read checkpoint of generation " + generation + ": " + ex.getMessage(), ex);
		}
		int perStep = LifeSetup.generationsPerStep(this.parameters, header.width(), header.height());
		int steps = (int) Math.min(perStep, this.parameters.generations() - generation);
		// The launch checked this too; a restart may run with less heap than the launch had.
		LifeSetup.requireBandMemory(this.parameters, header.width(), header.height(), steps, Grid.heapBudget(),
				LifeSetup.heapLimit());
		plan.putLong(GENERATION, generation);
		plan.putInt(STEPS, steps);
		plan.putInt(HEIGHT, header.height());
		int bands = LifeSetup.bands(this.parameters, header.height(), steps);
		int asked = LifeSetup.partitions(this.parameters, header.height());
		if (bands < asked) {
			logger.info("life: generations {} to {} as one band: with {} generations per step, the halo of each of {} "
					+ "bands would reach around the {}-row torus, and each would compute the whole grid", generation,
					generation + steps, steps, asked, header.height());
		}
		plan.putInt(BANDS, bands);
		this.jobRepository.updateExecutionContext(this.manager);
	}

	/**
	 * Publishes each band's input (its rows and halo rows of the checkpoint) for workers that cannot read the
	 * checkpoint file, replacing what an earlier try published: a restart, or a restart of a local run with remote
	 * workers, publishes again from the checkpoint, which is the truth.
	 */
	private void publishInputs(long generation, int height, int steps, List<Band> bands) {
		Path checkpoint = this.checkpoints.grid(generation);
		long instance = this.manager.getJobExecution().getJobInstance().getInstanceId();
		List<Row> rows = new ArrayList<>();
		try {
			for (int i = 0; i < bands.size(); i++) {
				BandStep step = new BandStep(bands.get(i), height, steps);
				rows.add(new Row(i, i, BandRows.encode(GridFile.readRows(checkpoint, step.firstRow(),
						step.rowCount()))));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read checkpoint of generation " + generation + ": " + ex.getMessage(),
					ex);
		}
		this.viaRows.replace(BandRows.inputs(instance, generation), rows.iterator());
	}

	static String name(long generation, int band) {
		return "gen%09d-band%d".formatted(generation, band);
	}

}
