package dev.fanout.jobs.chapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chapter killed with SIGKILL while some of its items have completed and others still run: the items' own
 * executions die with it. Recovering the chapter and restarting it recovers those (their owner is gone) and restarts
 * only the items that had not completed; every item ends with exactly one completed execution. The restart runs
 * where the processor count, which some items' defaults follow, is another: it must restart the same instances.
 */
@RunsBesideTheSuite
class ChapterProcessTests {

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	@Test
	void aKilledChapterRestartsOnlyItsUnfinishedItemsAfterRecoveringTheirExecutions() throws Exception {
		Path data = TestDataDirectories.fresh("ChapterProcessTests");
		Files.writeString(data.resolve("password.txt"), "chapter-kill-9\n");
		String[] settings = { "--fanout.openssl.password-file=" + data.resolve("password.txt"),
				// Small chunks: sensors commits often and runs for a few seconds, beside items that end at once.
				"--fanout.sensors.chunk-size=500" };
		FanoutProcess fanout = new FanoutProcess(data);
		FanoutProcess.Started running = fanout.withJvmOptions("-XX:ActiveProcessorCount=3")
			.start(command(settings, "run", "chapter"));
		long chapter = running.awaitExecutionId(PATIENCE);
		Await.until("one item completed while another still runs", PATIENCE, () -> {
			if (!running.isAlive()) {
				throw new AssertionError("the chapter ended first:\n" + running.finish());
			}
			return completedItems(data, chapter) >= 1 && runningItems(data) >= 1;
		});
		running.kill9();
		// Counted on the items' own executions: an item can complete just before the kill, before the chapter's
		// step for it records that (the restart then counts it done, see ItemStep).
		long completedBefore = RepositoryQueries.queryLong(data, itemExecutions("%", "COMPLETED"));

		CommandResult recovered = fanout.run(command(settings, "recover", Long.toString(chapter)));
		assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
		CommandResult restarted = fanout.withJvmOptions("-XX:ActiveProcessorCount=1")
			.run(command(settings, "restart", Long.toString(chapter)));

		assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.OK);
		assertThat(runningItems(data)).as("no item left running").isZero();
		for (String item : List.of("openssl", "factorize", "sensors", "images", "life")) {
			assertThat(RepositoryQueries.queryLong(data, itemInstances(item)))
				.as(item + ": one instance, restarted, not a new one of this machine's defaults").isOne();
			assertThat(RepositoryQueries.queryLong(data, itemExecutions(item, "COMPLETED")))
				.as(item + " completed once").isOne();
		}
		assertThat(RepositoryQueries.queryLong(data, itemExecutions("%", "FAILED")))
			.as("the items killed with the chapter were recovered, the completed ones not run again")
			.isEqualTo(5 - completedBefore);
	}

	private static String[] command(String[] settings, String... command) {
		String[] all = new String[command.length + settings.length];
		System.arraycopy(command, 0, all, 0, command.length);
		System.arraycopy(settings, 0, all, command.length, settings.length);
		return all;
	}

	private static long completedItems(Path data, long chapter) throws Exception {
		return RepositoryQueries.queryLong(data, ("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d "
				+ "and STEP_NAME like 'chapter%%' and STEP_NAME <> 'chapterSummary' and STATUS = 'COMPLETED'").formatted(chapter));
	}

	private static long runningItems(Path data) throws Exception {
		return RepositoryQueries.queryLong(data, itemExecutions("%", "STARTED"));
	}

	/** The instances of the chapter's items (run.id chapter-1) of a job. */
	private static String itemInstances(String job) {
		return ("select count(distinct i.JOB_INSTANCE_ID) from BATCH_JOB_INSTANCE i join BATCH_JOB_EXECUTION e "
				+ "on e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = "
				+ "e.JOB_EXECUTION_ID where i.JOB_NAME = '%s' and p.PARAMETER_NAME = 'run.id' "
				+ "and p.PARAMETER_VALUE = 'chapter-1'").formatted(job);
	}

	/** The executions of the chapter's items (run.id chapter-1) of a job (LIKE pattern) in a status. */
	private static String itemExecutions(String job, String status) {
		return ("select count(*) from BATCH_JOB_EXECUTION e join BATCH_JOB_INSTANCE i on e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID "
				+ "join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
				+ "where i.JOB_NAME like '%s' and e.STATUS = '%s' and p.PARAMETER_NAME = 'run.id' "
				+ "and p.PARAMETER_VALUE = 'chapter-1'").formatted(job, status);
	}

}
