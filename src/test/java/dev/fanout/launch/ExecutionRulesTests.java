package dev.fanout.launch;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;

import dev.fanout.recovery.Ownership;

import static dev.fanout.launch.ExecutionAction.ABANDON;
import static dev.fanout.launch.ExecutionAction.RECOVER;
import static dev.fanout.launch.ExecutionAction.RESTART;
import static dev.fanout.launch.ExecutionAction.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The execution rules as a table: for each state, which actions are allowed and what each refusal says. The same
 * rules choose the dashboard's buttons and refuse the CLI's and the API's actions ({@code ExecutionRulesAgreementTests}).
 */
class ExecutionRulesTests {

	private static final long ID = 7;

	private static final long LATER = 9;

	private static final Ownership ALIVE = new Ownership(Ownership.State.ALIVE, "running in process 42 (heartbeat 1 s ago)",
			null);

	private static final Ownership ORPHANED = new Ownership(Ownership.State.ORPHANED, "its process 42 is gone", null);

	private static final Ownership UNKNOWN_END = new Ownership(Ownership.State.ORPHANED,
			"it ended UNKNOWN: its process could not record how it ended", null);

	private static final Ownership ENDED = new Ownership(Ownership.State.ENDED, "", null);

	private static final ExecutionRules RULES = new ExecutionRules(false);

	static Stream<Arguments> states() {
		return Stream.of(
				row("STARTED, its process alive", state(BatchStatus.STARTED, true, ALIVE, null), Set.of(STOP),
						Map.of(RESTART, "execution 7 of this factorize instance is still running: running in process 42",
								RECOVER, "execution 7 is not orphaned: running in process 42",
								ABANDON, "execution 7 is STARTED: 'fanout stop 7' it first")),
				row("STARTING, its process alive", state(BatchStatus.STARTING, true, ALIVE, null), Set.of(STOP),
						Map.of(ABANDON, "'fanout stop 7' it first")),
				row("STARTED, orphaned", state(BatchStatus.STARTED, true, ORPHANED, null), Set.of(RECOVER),
						Map.of(STOP, "execution 7 is STARTED but no process runs it (its process 42 is gone): there is "
								+ "nothing to stop; 'fanout recover 7' marks it FAILED",
								RESTART, "execution 7 of this factorize instance was left running and is orphaned: its "
										+ "process 42 is gone. Recover it, then restart it: 'fanout recover 7' then "
										+ "'fanout restart 7'",
								ABANDON, "execution 7 is STARTED but no process runs it (its process 42 is gone): "
										+ "'fanout recover 7' it first")),
				row("STOPPING, its process alive", state(BatchStatus.STOPPING, true, ALIVE, null), Set.of(),
						Map.of(STOP, "execution 7 is already stopping: it stops at its next chunk or partition boundary",
								RESTART, "is still running", RECOVER, "is not orphaned",
								ABANDON, "execution 7 is STOPPING: 'fanout stop 7' it first")),
				row("STOPPING, orphaned", state(BatchStatus.STOPPING, true, ORPHANED, null), Set.of(RECOVER),
						Map.of(STOP, "no process runs it", RESTART, "was left running and is orphaned")),
				row("STOPPED, a step left running by a dead process", state(BatchStatus.STOPPED, true, ORPHANED, null),
						Set.of(RECOVER), Map.of(STOP, "no process runs it", RESTART, "was left running and is orphaned",
								ABANDON, "'fanout recover 7' it first")),
				row("STOPPED, the last of its instance", state(BatchStatus.STOPPED, false, ENDED, null),
						Set.of(RESTART, ABANDON),
						Map.of(STOP, "execution 7 is STOPPED, not running; nothing to stop",
								RECOVER, "execution 7 is STOPPED; only an execution left running by a dead process, or "
										+ "ended UNKNOWN, needs recovering")),
				row("FAILED, the last of its instance", state(BatchStatus.FAILED, false, ENDED, null),
						Set.of(RESTART, ABANDON), Map.of(STOP, "execution 7 is FAILED, not running; nothing to stop")),
				row("FAILED, its instance completed later",
						state(BatchStatus.FAILED, false, ENDED, later(BatchStatus.COMPLETED, ENDED)), Set.of(),
						Map.of(RESTART, "execution 7 is not the last of its instance; the last is 9 (COMPLETED): it "
								+ "completed the instance", ABANDON, "the last is 9 (COMPLETED): it completed the instance")),
				row("FAILED, its instance failed again later",
						state(BatchStatus.FAILED, false, ENDED, later(BatchStatus.FAILED, ENDED)), Set.of(),
						Map.of(RESTART, "the last is 9 (FAILED): restart that one instead ('fanout restart 9')",
								ABANDON, "the last is 9 (FAILED): abandon that one instead ('fanout abandon 9')")),
				row("STOPPED, its instance running again later",
						state(BatchStatus.STOPPED, false, ENDED, later(BatchStatus.STARTED, ALIVE)), Set.of(),
						Map.of(RESTART, "execution 7 is not the last of its instance; execution 9 of this factorize "
								+ "instance is still running",
								ABANDON, "execution 7 is not the last of its instance; the last is 9 (STARTED) and still "
										+ "runs (running in process 42 (heartbeat 1 s ago)): 'fanout stop 9' it, then "
										+ "abandon that one")),
				row("STOPPED, its instance left running by a dead process later",
						state(BatchStatus.STOPPED, false, ENDED, later(BatchStatus.STARTED, ORPHANED)), Set.of(),
						Map.of(RESTART, "execution 7 is not the last of its instance; execution 9 of this factorize "
								+ "instance was left running and is orphaned",
								ABANDON, "the last is 9 (STARTED) and no process runs it (its process 42 is gone): "
										+ "'fanout recover 9' it, then abandon that one")),
				row("UNKNOWN: its process could not record how it ended",
						state(BatchStatus.UNKNOWN, false, UNKNOWN_END, null), Set.of(RECOVER, ABANDON),
						Map.of(STOP, "execution 7 is UNKNOWN but no process runs it",
								RESTART, "execution 7 of this factorize instance needs recovering: it ended UNKNOWN")),
				row("COMPLETED", state(BatchStatus.COMPLETED, false, ENDED, null), Set.of(),
						Map.of(STOP, "execution 7 is COMPLETED, not running; nothing to stop",
								RESTART, "execution 7 of factorize already completed (output: /out/factorize-7.csv); "
										+ "restart only resumes a FAILED or STOPPED execution. For a fresh instance "
										+ "with the same parameters: fanout run factorize numbers=12 --new",
								RECOVER, "execution 7 is COMPLETED; only an execution left running",
								ABANDON, "execution 7 is COMPLETED; only FAILED, STOPPED or UNKNOWN executions can be "
										+ "abandoned")),
				row("ABANDONED", state(BatchStatus.ABANDONED, false, ENDED, null), Set.of(),
						Map.of(RESTART, "execution 7 of factorize was abandoned, and an abandoned instance never runs "
								+ "again. For a fresh instance with the same parameters: fanout run factorize numbers=12 --new",
								ABANDON, "execution 7 is ABANDONED; only FAILED, STOPPED or UNKNOWN")));
	}

	@ParameterizedTest
	@MethodSource("states")
	void allowsTheseActionsAndRefusesTheOthersWithTheirMessage(ExecutionState state, Set<ExecutionAction> allowed,
			Map<ExecutionAction, String> refusals) {
		assertThat(RULES.allowed(state).actions()).isEqualTo(allowed);
		for (ExecutionAction action : ExecutionAction.values()) {
			ExecutionRules.Verdict verdict = RULES.decide(state, action, false);
			assertThat(verdict.allowed()).as(action.word()).isEqualTo(allowed.contains(action));
			if (!verdict.allowed()) {
				assertThat(verdict.refusal().cli()).as(action.word()).contains(refusals.getOrDefault(action, "execution 7"));
			}
			else {
				assertThat(refusals).as("a refusal expected for an allowed %s", action.word()).doesNotContainKey(action);
			}
		}
	}

	/**
	 * Where the CLI's refusal says what to type, the API's says what to send and the dashboard's which button or form
	 * to use, neither naming a command; a refusal that advises nothing particular reads the same everywhere.
	 */
	@ParameterizedTest
	@MethodSource("states")
	void theApiSaysWhatToSendAndTheDashboardWhichButtonWhereTheCliSaysWhatToType(ExecutionState state,
			Set<ExecutionAction> allowed, Map<ExecutionAction, String> refusals) {
		for (ExecutionRules rules : List.of(RULES, new ExecutionRules(true))) {
			for (ExecutionAction action : ExecutionAction.values()) {
				ExecutionRules.Refusal refusal = rules.decide(state, action, false).refusal();
				if (refusal == null) {
					continue;
				}
				if (!refusal.cli().contains("fanout ") && !refusal.cli().contains("'recover ")) {
					assertThat(refusal.api()).as(action.word()).isEqualTo(refusal.cli());
					assertThat(refusal.page()).as(action.word()).isEqualTo(refusal.cli());
					continue;
				}
				assertThat(refusal.api()).as(action.word()).doesNotContain("fanout ", "--", "'recover ")
					.containsPattern("POST /api/(executions/\\d+/(stop|restart|recover|abandon)|jobs/factorize/executions)"
						+ "|wait for it to stop");
				assertThat(refusal.page()).as(action.word()).doesNotContain("fanout ", "--", "'recover ", "/api/")
					.containsPattern("(Stop|Restart|Recover|Abandon) button|from Jobs .* \"new instance\" ticked|wait for it to stop");
			}
		}
	}

	@Test
	void aFreshInstanceIsTheCommandTheRequestOrTheFormWithTheSameParameters() {
		ExecutionRules.Refusal refusal = RULES.decide(state(BatchStatus.ABANDONED, false, ENDED, null), RESTART, false)
			.refusal();
		String problem = "execution 7 of factorize was abandoned, and an abandoned instance never runs again. For a "
				+ "fresh instance with the same parameters: ";
		assertThat(refusal.cli()).isEqualTo(problem + "fanout run factorize numbers=12 --new");
		assertThat(refusal.api()).isEqualTo(problem
				+ "POST /api/jobs/factorize/executions with {\"parameters\": {\"numbers\": \"12\"}, \"newInstance\": true}");
		assertThat(refusal.page()).isEqualTo(problem + "launch factorize from Jobs (numbers=12) with \"new instance\" ticked");
		NewInstance quoted = new NewInstance("openssl", Map.of("source", "my \"files\""));
		assertThat(quoted.command()).isEqualTo("fanout run openssl 'source=my \"files\"' --new");
		assertThat(quoted.request()).contains("{\"parameters\": {\"source\": \"my \\\"files\\\"\"}");
	}

	@Test
	void recoveringALiveExecutionIsRefusedWithHowEachSurfaceStopsItAndForcesTheRecovery() {
		ExecutionRules.Refusal refusal = RULES.decide(state(BatchStatus.STARTED, true, ALIVE, null), RECOVER, false)
			.refusal();
		assertThat(refusal.cli())
			.contains("Stop it with 'fanout stop 7'; only if you are sure its process is dead, add --force");
		assertThat(refusal.api()).contains("Stop it with POST /api/executions/7/stop; only if you are sure its process "
				+ "is dead, add ?force=true");
		assertThat(refusal.page()).contains("Stop it with its Stop button; only if you are sure its process is dead, "
				+ "force the recovery through the API or the CLI");
	}

	@Test
	void forceRecoversAnExecutionWhoseOwnerLooksAliveButNothingThatDoesNotNeedRecovering() {
		assertThat(RULES.decide(state(BatchStatus.STARTED, true, ALIVE, null), RECOVER, true).allowed()).isTrue();
		assertThat(RULES.decide(state(BatchStatus.FAILED, false, ENDED, null), RECOVER, true).refusal().cli())
			.contains("only an execution left running by a dead process");
	}

	@Test
	void withAutomaticRecoveryAnOrphanCanBeRestartedButALiveExecutionCannot() {
		ExecutionRules auto = new ExecutionRules(true);
		assertThat(auto.allowed(state(BatchStatus.STARTED, true, ORPHANED, null)).actions())
			.isEqualTo(EnumSet.of(RESTART, RECOVER));
		assertThat(auto.allowed(state(BatchStatus.UNKNOWN, false, UNKNOWN_END, null)).actions())
			.isEqualTo(EnumSet.of(RESTART, RECOVER, ABANDON));
		assertThat(auto.allowed(state(BatchStatus.STARTED, true, ALIVE, null)).actions()).isEqualTo(EnumSet.of(STOP));
		assertThat(auto.decide(state(BatchStatus.FAILED, false, ENDED, later(BatchStatus.STARTED, ORPHANED)), RESTART,
				false).refusal().cli()).contains("execution 9 of this factorize instance was left running and is orphaned");
	}

	@Test
	void namesTheAllowedActionsInTheCommandsOrder() {
		assertThat(RULES.allowed(state(BatchStatus.FAILED, false, ENDED, null)).names()).isEqualTo("restart, abandon");
		assertThat(RULES.allowed(state(BatchStatus.COMPLETED, false, ENDED, null)).any()).isFalse();
	}

	private static Arguments row(String name, ExecutionState state, Set<ExecutionAction> allowed,
			Map<ExecutionAction, String> refusals) {
		return argumentSet(name, state, allowed, refusals);
	}

	private static ExecutionState state(BatchStatus status, boolean leftRunning, Ownership ownership,
			ExecutionState.Later later) {
		return new ExecutionState(ID, "factorize", status, leftRunning, ownership, later, List.of("/out/factorize-7.csv"),
				new NewInstance("factorize", Map.of("numbers", "12")));
	}

	private static ExecutionState.Later later(BatchStatus status, Ownership ownership) {
		return new ExecutionState.Later(LATER, status, status.isRunning(), ownership);
	}

}
