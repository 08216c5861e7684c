package dev.fanout.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.InProcessFanout;
import dev.fanout.RepositoryQueries;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of every job ({@link KillScenarios}): the job runs as a real separate JVM and is killed with SIGKILL at
 * each of its kill points (chosen by the work the repository shows committed), recovered with {@code recover},
 * restarted with {@code restart} (which is killed at the next point, and so on), until the last restart completes.
 * <p>
 * What is guaranteed, and checked exactly:
 * <ul>
 * <li>Every unit of work that the repository showed as committed before the kill is still committed after it: the
 * repository lives in its own server process, which a client's kill -9 does not stop, and it writes each commit
 * before the commit returns ({@code WRITE_DELAY=0}). No tolerance for "commits in flight".</li>
 * <li>What may be redone: only the work in flight at the kill, read or processed but not yet committed (by design at
 * most one chunk, band or commit interval per worker; the test does not count redone work). The restart does it
 * again from the last commit, and any trace of the first attempt outside the repository (lines past the last
 * committed position, temporary or half-written files) must be gone from the final output.</li>
 * <li>What may never happen: committed work done again, or work skipped. The units committed by the killed
 * executions and the completing restart add up to the whole run exactly, and the final output (hidden files
 * included) equals that of an uninterrupted run of the same parameters in another data directory: no unit lost, none
 * duplicated.</li>
 * </ul>
 */
class KillAndRestartTests {

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	/** Every job's scenario, or those named by {@code -Dkill9.jobs=life,openssl} (to work on one). */
	static List<KillScenario> scenarios() {
		String only = System.getProperty("kill9.jobs");
		return KillScenarios.all()
			.stream()
			.filter((scenario) -> only == null || List.of(only.split(",")).contains(scenario.job()))
			.toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void aJobKilledAtEveryKillPointRestartsToTheOutputOfAnUninterruptedRun(KillScenario scenario) throws Exception {
		Path reference = TestDataDirectories.fresh("KillAndRestartTests-" + scenario.job() + "-uninterrupted");
		Path data = TestDataDirectories.fresh("KillAndRestartTests-" + scenario.job());
		scenario.prepare(reference);
		scenario.prepare(data);
		FutureTask<CommandResult> uninterrupted = runInProcess(scenario, reference);
		FanoutProcess fanout = new FanoutProcess(data);
		List<Long> executions = new ArrayList<>();
		FanoutProcess.Started running = fanout.start(run(scenario, data));
		try {
			long committedBefore = 0;
			for (double point : scenario.killPoints()) {
				long execution = running.awaitExecutionId(PATIENCE);
				executions.add(execution);
				long target = Math.max(1, (long) Math.ceil(point * scenario.totalWork()) - committedBefore);
				long seen = awaitCommitted(scenario, data, execution, target, running);
				running.kill9();
				log(scenario, "killed execution %d at %d of %d units".formatted(execution, committedBefore + seen,
						scenario.totalWork()));

				assertThat(RepositoryQueries.status(data, execution)).as("killed while running").isEqualTo("STARTED");
				long committed = scenario.committedWork(data, execution);
				assertThat(committed).as("every commit seen before the kill -9 survives it")
					.isGreaterThanOrEqualTo(seen);
				committedBefore += committed;
				// In-process: the operator's command without the start-up of another JVM.
				try (InProcessFanout recovering = new InProcessFanout(data, scenario.settings(data))) {
					CommandResult recovered = recovering.run("recover", Long.toString(execution));
					assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
				}
				running = fanout.start(command(scenario, data, "restart", Long.toString(execution)));
			}
			CommandResult completed = running.finish();
			assertThat(completed.exitCode()).as(completed.toString()).isEqualTo(ExitCodes.OK);
			executions.add(completed.executionId());
			log(scenario, "completed execution " + completed.executionId());
			CommandResult expected = uninterrupted.get();
			assertThat(expected.exitCode()).as(expected.toString()).isEqualTo(ExitCodes.OK);
			assertThat(scenario.committedWork(reference, expected.executionId())).isEqualTo(scenario.totalWork());
		}
		finally {
			// A failed assertion must not leave a job running.
			if (running.isAlive()) {
				running.kill9();
			}
		}

		List<Long> work = new ArrayList<>();
		for (long execution : executions) {
			work.add(scenario.committedWork(data, execution));
		}
		assertThat(work.stream().mapToLong(Long::longValue).sum())
			.as("work committed by executions %s: %s; nothing committed is redone, nothing skipped", executions, work)
			.isEqualTo(scenario.totalWork());
		assertThat(scenario.output(data)).isNotEmpty().isEqualTo(scenario.output(reference));
		scenario.checkOutput(data);
	}

	/**
	 * The uninterrupted run, in this JVM beside the killed ones: it needs no kill, and a JVM start-up less leaves
	 * more of the machine to them.
	 */
	private static FutureTask<CommandResult> runInProcess(KillScenario scenario, Path reference) {
		FutureTask<CommandResult> run = new FutureTask<>(() -> {
			try (InProcessFanout fanout = new InProcessFanout(reference, scenario.settings(reference))) {
				return fanout.run(run(scenario, reference));
			}
		});
		Thread.ofPlatform().name("uninterrupted-" + scenario.job()).start(run);
		return run;
	}

	/** Waits until the running execution has committed {@code target} units of work; returns what it saw. */
	private static long awaitCommitted(KillScenario scenario, Path data, long execution, long target,
			FanoutProcess.Started running) throws Exception {
		long[] seen = new long[1];
		Await.until("execution %d committing %d units of work".formatted(execution, target), PATIENCE, () -> {
			requireRunning(running, "committed " + target + " units of work");
			seen[0] = scenario.committedWork(data, execution);
			return seen[0] >= target;
		});
		return seen[0];
	}

	/** What happened when, in the test's output: start-up and H2 lock waits dominate the suite's time. */
	private static void log(KillScenario scenario, String event) {
		System.out.printf("%tT.%<tL %s: %s%n", System.currentTimeMillis(), scenario, event);
	}

	private static void requireRunning(FanoutProcess.Started running, String before) throws Exception {
		if (!running.isAlive()) {
			throw new AssertionError("the run ended before it " + before + "; make its work larger\n" + running.finish());
		}
	}

	private static String[] run(KillScenario scenario, Path data) {
		return Stream.of(List.of("run", scenario.job()), scenario.parameters(), scenario.settings(data))
			.flatMap(List::stream)
			.toArray(String[]::new);
	}

	private static String[] command(KillScenario scenario, Path data, String... command) {
		return Stream.concat(Stream.of(command), scenario.settings(data).stream()).toArray(String[]::new);
	}

}
