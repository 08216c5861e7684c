package dev.fanout.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/** A life run in a real JVM, killed with SIGKILL between checkpoints, recovered and restarted. */
class LifeProcessTests {

	@Test
	void aKilledRunResumesAtItsLatestCheckpointAndEndsAsAnUninterruptedOne() throws Exception {
		Path data = TestDataDirectories.fresh("LifeProcessTests");
		FanoutProcess fanout = new FanoutProcess(data);
		Path out = data.resolve("out/life/instance-1");
		Checkpoints checkpoints = new Checkpoints(out, data.resolve("work/life/instance-1"));

		// cellLatency makes every generation a step of ~100 ms: slow enough to be killed in the middle.
		FanoutProcess.Started started = fanout.start("run", "life", "pattern=life/glider.txt", "width=20", "height=20",
				"generations=30", "partitions=2", "cellLatency=1ms", "executor=platform", "cellThreads=2");
		Await.until("a checkpoint of generation 5", Duration.ofSeconds(90), () -> checkpoints.latest() >= 5);
		started.kill9();
		long reached = checkpoints.latest();
		long killed = RepositoryQueries.lastExecutionId(data);
		assertThat(reached).as("killed before the end").isLessThan(30);

		assertThat(fanout.run("recover", Long.toString(killed)).exitCode()).isZero();
		CommandResult restarted = fanout.run("restart", Long.toString(killed));

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		Grid start = Placement.place(PatternReader.read(data.resolve("life/glider.txt")), 20, 20, Placement.TOP_LEFT);
		assertThat(PatternReader.read(out.resolve("final.rle")).cells()).isEqualTo(LifeRules.advance(start, 30));
		List<String> populations = Files.readAllLines(out.resolve("population.csv"));
		assertThat(populations).hasSize(32);
		for (int generation = 0; generation <= 30; generation++) {
			assertThat(populations.get(generation + 1)).startsWith(generation + ",");
		}
		assertThat(RepositoryQueries.stepNames(data, RepositoryQueries.lastExecutionId(data)))
			.filteredOn((name) -> name.startsWith(LifeJobConfiguration.WORKER + ":"))
			.as("no generation before the latest checkpoint is computed again")
			.allSatisfy((name) -> assertThat(Long.parseLong(name.substring(name.indexOf("gen") + 3, name.indexOf('-'))))
				.isGreaterThanOrEqualTo(reached));
	}

}
