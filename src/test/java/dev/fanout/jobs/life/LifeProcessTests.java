package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.StoppedRun;
import dev.fanout.TestDataDirectories;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;

/** A life run in a real JVM, killed with SIGKILL or stopped with SIGTERM between checkpoints, then restarted. */
@RunsBesideTheSuite
class LifeProcessTests {

	@Test
	void sigtermEndsTheGenerationLoopStoppedAndTheRestartResumesAtTheLatestCheckpoint() throws Exception {
		Path data = TestDataDirectories.fresh("LifeProcessTests-sigterm");
		FanoutProcess fanout = new FanoutProcess(data);
		Path out = data.resolve("out/life/instance-1");
		Checkpoints checkpoints = new Checkpoints(out, data.resolve("work/life/instance-1"));

		FanoutProcess.Started started = fanout.start("run", "life", "pattern=life/glider.txt", "width=20", "height=20",
				"generations=30", "partitions=2", "cellLatency=1ms", "executor=platform", "cellThreads=2");
		Await.until("a checkpoint of generation 3", Duration.ofSeconds(90), () -> checkpoints.latest() >= 3);
		started.terminate();
		long stopped = StoppedRun.assertStoppedCleanly(data, started.finish());
		long reached = checkpoints.latest();
		assertThat(reached).as("stopped before the end").isLessThan(30);

		CommandResult restarted = fanout.run("restart", Long.toString(stopped));

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		Grid start = Placement.place(PatternReader.read(data.resolve("life/glider.txt")), 20, 20, Placement.TOP_LEFT);
		assertThat(PatternReader.read(out.resolve("final.rle")).cells()).isEqualTo(LifeRules.advance(start, 30));
		assertThat(Files.readAllLines(out.resolve("population.csv"))).hasSize(32);
		assertThat(RepositoryQueries.stepNames(data, RepositoryQueries.lastExecutionId(data)))
			.filteredOn((name) -> name.startsWith(LifeJobConfiguration.WORKER + ":"))
			.as("the restart resumes at the checkpoint the stop left")
			.allSatisfy((name) -> assertThat(Long.parseLong(name.substring(name.indexOf("gen") + 3, name.indexOf('-'))))
				.isGreaterThanOrEqualTo(reached));
	}

}
