package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.format.ColumnPrinter;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.format.RleWriter;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.picture.GridImages;
import dev.fanout.jobs.life.picture.LiveClusters;

/**
 * What people look at: the final grid as RLE and PNG, the population of every generation as CSV, an animated GIF of
 * the first generations, and for small grids the book's side-by-side text view, which {@code run} prints. On a large
 * torus with a small pattern, a PNG of the largest cluster of live cells ({@value #LIVE_PNG}) is written too, and
 * the GIF is cropped to the live cells of its generations, each with a margin; the summary says which cells they
 * show. All deterministic: the same run gives the same bytes.
 */
class LifeOutputs implements Tasklet {

	static final int GIF_FRAMES = 100;

	static final int GIF_DELAY_MILLIS = 100;

	/**
	 * The final grid's largest cluster of live cells ({@link LiveClusters}), written besides the whole grid's
	 * {@code final.png} when it shows cells larger.
	 */
	static final String LIVE_PNG = "final-live.png";

	static final String FINAL_PNG = "final.png";

	static final String GIF = "generations.gif";

	static final String POPULATIONS = "population.csv";

	/**
	 * The key, in this step's execution context, of the CPU nanoseconds the GIF's drawing used on its own thread beside
	 * the generation steps: 0 when this step drew it itself (its time is then this step's), -1 when the JVM could not
	 * tell. {@code bench life} adds it to the outputs' share of a run.
	 */
	static final String ANIMATION_CPU_NANOS = "life.animation.cpuNanos";

	private final LifeParameters parameters;

	private final Checkpoints checkpoints;

	private final LifeAnimations animations;

	LifeOutputs(LifeParameters parameters, Checkpoints checkpoints, LifeAnimations animations) {
		this.parameters = parameters;
		this.checkpoints = checkpoints;
		this.animations = animations;
	}

	/** The GIF's frames: generation 0 and the ones after it, at most {@value #GIF_FRAMES}. */
	static int gifFrames(LifeParameters parameters) {
		return (int) Math.min(GIF_FRAMES, parameters.generations() + 1L);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		Path out = this.checkpoints.output();
		long last = this.checkpoints.latest();
		Grid finalGrid = GridFile.read(this.checkpoints.grid(last));
		Grid start = GridFile.read(this.checkpoints.grid(0));

		RleWriter.write(out.resolve("final.rle"), finalGrid,
				List.of("Generation %d of %s".formatted(last, this.parameters.pattern().getFileName())));
		writePopulations(out.resolve(POPULATIONS));
		GridImages.writePng(out.resolve(FINAL_PNG), finalGrid);
		GridImages.Window live = GridImages.focus(finalGrid, LiveClusters.largest(finalGrid), GridImages.MAX_PNG_SIDE);
		if (!live.isWhole(finalGrid)) {
			GridImages.writePng(out.resolve(LIVE_PNG), finalGrid, live);
		}
		// Drawn while the generations ran; else now, a coder per core: coding its frames is most of the work.
		LifeAnimations.Drawn drawn = this.animations.finish(job, out.resolve(GIF)).orElse(null);
		GridImages.Window animated = (drawn != null) ? drawn.window()
				: GridImages.writeFocusedAnimation(out.resolve(GIF), start, gifFrames(this.parameters), GIF_DELAY_MILLIS,
						Runtime.getRuntime().availableProcessors());
		chunkContext.getStepContext()
			.getStepExecution()
			.getExecutionContext()
			.putLong(ANIMATION_CPU_NANOS, (drawn != null) ? drawn.cpuNanos() : 0);

		StringBuilder summary = new StringBuilder("generation %d, population %d (%d×%d torus)".formatted(last,
				finalGrid.population(), finalGrid.width(), finalGrid.height()));
		if (!live.isWhole(finalGrid)) {
			summary.append("; %s: the largest cluster of live cells, %s (with a margin of %d cells), %s".formatted(
					LIVE_PNG, live.describe(), GridImages.MARGIN, scale(live, GridImages.MAX_PNG_SIDE)));
			long outside = finalGrid.population() - GridImages.population(finalGrid, live);
			if (outside > 0) {
				summary.append(" (%d live cell%s outside it, such as escaping gliders, only in final.png)".formatted(
						outside, (outside == 1) ? "" : "s"));
			}
		}
		if (!animated.isWhole(start)) {
			summary.append("; generations.gif shows %s (the live area of its generations, with a margin of %d cells), %s"
				.formatted(animated.describe(), GridImages.MARGIN, scale(animated, GridImages.MAX_GIF_SIDE)));
		}
		if (ColumnPrinter.isSmall(finalGrid.width(), finalGrid.height())) {
			String columns = columns(start);
			AtomicFiles.write(out.resolve("generations.txt"), (writer) -> writer.write(columns));
			summary.append('\n').append(columns.stripTrailing());
		}
		JobOutputs.summarize(job, summary.toString());
		JobOutputs.add(job, out);
		return RepeatStatus.FINISHED;
	}

	/** "4 px per cell", or "2 cells per px". */
	private static String scale(GridImages.Window window, int maxSide) {
		GridImages.Scale scale = GridImages.Scale.of(window.width(), window.height(), maxSide);
		return (scale.cellsPerPixel() > 1) ? scale.cellsPerPixel() + " cells per px"
				: scale.pixelsPerCell() + " px per cell";
	}

	/** Generation 0 and the ones after it, up to the book's view's width. */
	private String columns(Grid start) {
		ColumnPrinter printer = new ColumnPrinter();
		Grid grid = start;
		long shown = Math.min(this.parameters.generations(), ColumnPrinter.DEFAULT_COLUMNS - 1);
		for (long generation = 0; generation <= shown; generation++) {
			printer.append(generation, grid);
			grid = BitKernel.advance(grid, 1);
		}
		return printer.toString();
	}

	private void writePopulations(Path target) throws IOException {
		List<Path> parts;
		try (Stream<Path> files = Files.list(this.checkpoints.work())) {
			parts = files.filter((f) -> f.getFileName().toString().startsWith("populations-")).sorted().toList();
		}
		AtomicFiles.write(target, (writer) -> {
			writer.write("generation,population\n");
			for (Path part : parts) {
				writer.write(Files.readString(part));
			}
		});
	}

}
