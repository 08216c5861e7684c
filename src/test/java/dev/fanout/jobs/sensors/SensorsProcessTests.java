package dev.fanout.jobs.sensors;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A sensors run in a real JVM stopped with SIGTERM while its workers read, then restarted. */
@RunsBesideTheSuite
class SensorsProcessTests {

	@Test
	void sigtermStopsEverySensorAtAChunkBoundaryAndTheRestartFindsEveryReadingOnce() throws Exception {
		Path data = TestDataDirectories.fresh("SensorsProcessTests");
		FanoutProcess fanout = new FanoutProcess(data);

		FanoutProcess.Started started = fanout.start("run", "sensors", "sensors=3", "readings=300", "readLatency=10ms",
				"counter=locked", "--fanout.sensors.chunk-size=10");
		Await.until("some committed readings", Duration.ofSeconds(90), () -> RepositoryQueries.queryLong(data,
				"select coalesce(sum(WRITE_COUNT), 0) from BATCH_STEP_EXECUTION where STEP_NAME like 'sensorsWorker:%'") >= 30);
		started.terminate();
		long stopped = StoppedRun.assertStoppedCleanly(data, started.finish());

		CommandResult restarted = fanout.run("restart", Long.toString(stopped));

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("expected 900 found 900");
	}

}
