package dev.fanout.cli;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processes launching the same new job instance at the same moment: exactly one runs it. */
@RunsBesideTheSuite
class ConcurrentLaunchProcessTests {

	@Test
	void exactlyOneOfTwoSimultaneousLaunchesOfAnInstanceRunsAndTheOtherIsRefusedAsAConflict() throws Exception {
		Path data = TestDataDirectories.fresh("ConcurrentLaunchProcessTests");
		FanoutProcess fanout = new FanoutProcess(data);
		// Every generation is a step of ~100 ms: the first launch still runs when the second reaches its launch, even when
		// the second JVM starts seconds later on a loaded machine.
		String[] run = { "run", "life", "pattern=life/glider.txt", "width=20", "height=20", "generations=50",
				"partitions=2", "cellLatency=1ms", "executor=platform", "cellThreads=2" };

		FanoutProcess.Started first = fanout.start(run);
		FanoutProcess.Started second = fanout.start(run);
		List<CommandResult> results = List.of(first.finish(), second.finish());

		assertThat(results).as(results.toString())
			.extracting(CommandResult::exitCode)
			.containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.CONFLICT);
		CommandResult refused = results.stream().filter((r) -> r.exitCode() != 0).findFirst().orElseThrow();
		assertThat(refused.err()).startsWith("fanout: ")
			.containsPattern("still running: running in process \\d+|under way in process \\d+|at the same moment")
			.doesNotContain("Exception");
		assertThat(refused.out()).doesNotContain("Started execution");
		assertThat(RepositoryQueries.queryLong(data, "select count(*) from BATCH_JOB_EXECUTION")).isEqualTo(1);
		assertThat(RepositoryQueries.status(data, RepositoryQueries.lastExecutionId(data))).isEqualTo("COMPLETED");
	}

}
