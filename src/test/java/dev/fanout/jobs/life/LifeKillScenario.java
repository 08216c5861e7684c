package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fanout.crash.KillScenario;
import dev.fanout.crash.OutputFiles;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * life killed between and inside its generation steps: the R-pentomino on a 256² torus, 120 generations, 2 bands
 * advancing 2 generations per step (60 partitioned steps of ~40 ms). Work is bands completed: a band counts once its
 * partition completed, and a restart must not compute it again.
 */
public class LifeKillScenario extends KillScenario {

	private static final int SIDE = 256;

	private static final int GENERATIONS = 120;

	private static final int BANDS = 2;

	private static final int PER_STEP = 2;

	@Override
	public String job() {
		return LifeFiles.JOB;
	}

	@Override
	public List<String> parameters() {
		return List.of("pattern=life/r-pentomino.rle", "width=" + SIDE, "height=" + SIDE, "placement=center",
				"generations=" + GENERATIONS, "partitions=" + BANDS, "checkpoint=" + PER_STEP);
	}

	@Override
	public long totalWork() {
		return (long) GENERATIONS / PER_STEP * BANDS;
	}

	@Override
	public long committedWork(Path data, long execution) throws SQLException {
		return completedSteps(data, execution, LifeJobConfiguration.WORKER + ":%");
	}

	@Override
	public Map<String, String> output(Path data) throws Exception {
		return OutputFiles.of(data.resolve("out/life"));
	}

	/** The final grid and every generation's population, computed by the plain cell-by-cell rules. */
	@Override
	public void checkOutput(Path data) throws Exception {
		Path out = data.resolve("out/life/instance-1");
		Grid grid = Placement.place(PatternReader.read(data.resolve("life/r-pentomino.rle")), SIDE, SIDE,
				Placement.CENTER);
		List<String> populations = new ArrayList<>(List.of("generation,population"));
		for (int generation = 0; generation <= GENERATIONS; generation++) {
			populations.add(generation + "," + grid.population());
			grid = (generation < GENERATIONS) ? LifeRules.advance(grid, 1) : grid;
		}
		assertThat(Files.readAllLines(out.resolve("population.csv"))).as("every generation once, in order")
			.isEqualTo(populations);
		assertThat(PatternReader.read(out.resolve("final.rle")).cells()).isEqualTo(grid);
	}

}
