package dev.fanout.jobs.life;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.LifeRules;

/**
 * One partition: reads its band and halo rows of the latest checkpoint, advances them, writes the band's rows of the
 * new generation to a band file, and reports the band's population at each generation in its context. On a remote
 * worker ({@link BandRows}) it reads its input from the repository and writes its rows there instead.
 * <p>
 * With {@code cellLatency} every cell of the band is evaluated by a task of its own that first waits, standing in for
 * the book's blocking call per cell: on virtual threads all of a band's cells wait at once, on a pool of
 * {@code cellThreads} platform threads that many at a time. Each task writes only its own cell, with
 * {@link Grid#setAliveConcurrently} (an atomic update of the cell's word), so concurrent tasks cannot lose each
 * other's bits.
 */
class BandWorker implements Tasklet {

	static final String POPULATIONS = "populations";

	private final LifeParameters parameters;

	private final Checkpoints checkpoints;

	private final BandComputer computer;

	private final CellUpdates cellUpdates;

	private final PartitionData data;

	BandWorker(LifeParameters parameters, Checkpoints checkpoints, BandComputer computer, CellUpdates cellUpdates,
			PartitionData data) {
		this.parameters = parameters;
		this.checkpoints = checkpoints;
		this.computer = computer;
		this.cellUpdates = cellUpdates;
		this.data = data;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
		int index = context.getInt(LifePartitioner.BAND);
		Band band = new Band(context.getInt(LifePartitioner.FROM), context.getInt(LifePartitioner.TO));
		long generation = context.getLong(LifePartitioner.GENERATION);
		int steps = context.getInt(LifePartitioner.STEPS);
		BandResult result;
		if (Boolean.parseBoolean(context.getString(BandRows.VIA_ROWS, "false"))) {
			// On a remote worker: the input comes from the repository, read outside this step's transaction (which
			// so holds no connection while the band is computed), and the rows go back there, in the transaction (a
			// band that ran twice, handed on after its worker died, leaves one row).
			long instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance()
				.getInstanceId();
			List<Row> input = this.data.committedRows(BandRows.inputs(instance, generation), index, index, 1);
			if (input.isEmpty()) {
				throw new IllegalStateException("the input of band %d of generation %d is not in the repository"
					.formatted(index, generation));
			}
			result = this.computer.advance(BandRows.decode(input.get(0).content()), band,
					context.getInt(LifePartitioner.HEIGHT), steps);
			this.data.insert(BandRows.results(instance, generation + steps),
					List.of(new Row(index, index, BandRows.encode(result.rows()))));
		}
		else {
			Path input = this.checkpoints.grid(generation);
			int height = GridFile.readHeader(input).height();
			result = this.parameters.cellLatency().isZero()
					? this.computer.advance(input, band, height, generation, steps) : advanceCellByCell(input, band);
			GridFile.writeRows(this.checkpoints.band(generation + steps, index), result.rows(), height, band.from(),
					generation + steps);
		}
		context.put(POPULATIONS, result.populations());
		for (int i = 0; i < steps; i++) {
			contribution.incrementReadCount();
		}
		long cells = (long) band.rows() * result.rows().width() * steps;
		contribution.incrementWriteCount(cells);
		this.cellUpdates.add(cells);
		return RepeatStatus.FINISHED;
	}

	/**
	 * One generation, each cell on its own task after the simulated blocking call. Reads the band and a row on each
	 * side (strip row i is torus row {@code band.from() - 1 + i}, wrapping around), not the whole grid: the bands
	 * run at once, and each would hold a copy.
	 */
	private BandResult advanceCellByCell(Path input, Band band) throws Exception {
		Grid grid = GridFile.readRows(input, band.from() - 1, band.rows() + 2);
		Grid rows = new Grid(grid.width(), band.rows());
		Duration latency = this.parameters.cellLatency();
		try (ExecutorService cells = this.parameters.virtualThreads() ? Executors.newVirtualThreadPerTaskExecutor()
				: Executors.newFixedThreadPool(this.parameters.cellThreads())) {
			List<Future<?>> tasks = new ArrayList<>();
			for (int row = band.from(); row < band.to(); row++) {
				for (int col = 0; col < grid.width(); col++) {
					int r = row;
					int c = col;
					tasks.add(cells.submit(() -> {
						Thread.sleep(latency);
						if (LifeRules.nextCell(grid, r - band.from() + 1, c)) {
							rows.setAliveConcurrently(r - band.from(), c);
						}
						return null;
					}));
				}
			}
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		return new BandResult(band, rows, new long[] { rows.population() });
	}

}
