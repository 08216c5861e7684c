package dev.fanout.life;

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

import dev.fanout.system.AtomicFiles;
import dev.fanout.system.JobOutputs;

/**
 * What people look at: the final grid as RLE and PNG, the population of every generation as CSV, an animated GIF of
 * the first generations, and for small grids the book's side-by-side text view, which {@code run} prints.
 */
class LifeOutputs implements Tasklet {

	static final int GIF_FRAMES = 100;

	static final int GIF_DELAY_MILLIS = 100;

	private final LifeParameters parameters;

	private final Checkpoints checkpoints;

	LifeOutputs(LifeParameters parameters, Checkpoints checkpoints) {
		this.parameters = parameters;
		this.checkpoints = checkpoints;
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
		writePopulations(out.resolve("population.csv"));
		GridImages.writePng(out.resolve("final.png"), finalGrid);
		GridImages.writeAnimation(out.resolve("generations.gif"), start,
				(int) Math.min(GIF_FRAMES, this.parameters.generations() + 1L), GIF_DELAY_MILLIS);

		StringBuilder summary = new StringBuilder("generation %d, population %d (%d×%d torus)".formatted(last,
				finalGrid.population(), finalGrid.width(), finalGrid.height()));
		if (ColumnPrinter.isSmall(finalGrid.width(), finalGrid.height())) {
			String columns = columns(start);
			AtomicFiles.write(out.resolve("generations.txt"), (writer) -> writer.write(columns));
			summary.append('\n').append(columns.stripTrailing());
		}
		JobOutputs.summarize(job, summary.toString());
		JobOutputs.add(job, out);
		return RepeatStatus.FINISHED;
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
