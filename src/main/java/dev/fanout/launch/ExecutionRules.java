package dev.fanout.launch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

import dev.fanout.core.CommandFailure;
import dev.fanout.recovery.Ownership;

/**
 * The one set of rules for what may be done to an execution, and the one message for each refusal: the CLI's
 * {@code stop}, {@code restart}, {@code recover} and {@code abandon}, the API's endpoints of the same names and the
 * dashboard's buttons all decide here ({@link ExecutionActions} reads the state they decide from).
 * <ul>
 * <li>stop: a STARTING or STARTED execution that a live process runs;</li>
 * <li>restart: the last execution of its instance when FAILED or STOPPED, or orphaned when
 * {@code fanout.recovery.auto} recovers it on the way;</li>
 * <li>recover: an execution left running, or ended UNKNOWN, whose process is gone (or any such with force);</li>
 * <li>abandon: the last execution of its instance when FAILED, STOPPED or UNKNOWN, and not left running.</li>
 * </ul>
 * Spring-free and stateless: a decision is a function of the {@link ExecutionState}.
 */
public final class ExecutionRules {

	private final boolean autoRecovery;

	/** @param autoRecovery whether a launch recovers an orphaned execution of its instance by itself */
	public ExecutionRules(boolean autoRecovery) {
		this.autoRecovery = autoRecovery;
	}

	/** Whether an action is allowed, and if not, why, in the words every surface shows. */
	public record Verdict(ExecutionAction action, @Nullable String refusal) {

		public boolean allowed() {
			return this.refusal == null;
		}

		/** Throws the refusal as a conflict (exit code 4, HTTP 409) unless the action is allowed. */
		public void orRefuse() {
			if (this.refusal != null) {
				throw CommandFailure.conflict(this.refusal);
			}
		}

	}

	/** The actions allowed without force: the buttons of the dashboard's detail page. */
	public record Allowed(Set<ExecutionAction> actions) {

		public Allowed {
			actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
		}

		public boolean stop() {
			return this.actions.contains(ExecutionAction.STOP);
		}

		public boolean restart() {
			return this.actions.contains(ExecutionAction.RESTART);
		}

		public boolean recover() {
			return this.actions.contains(ExecutionAction.RECOVER);
		}

		public boolean abandon() {
			return this.actions.contains(ExecutionAction.ABANDON);
		}

		public boolean any() {
			return !this.actions.isEmpty();
		}

		/** The allowed actions' names in a fixed order, for the hint shown to a visitor who is not the operator. */
		public String names() {
			List<String> names = new ArrayList<>();
			for (ExecutionAction action : ExecutionAction.values()) {
				if (this.actions.contains(action)) {
					names.add(action.word());
				}
			}
			return String.join(", ", names);
		}

	}

	/** Every action's verdict without force. */
	public Allowed allowed(ExecutionState state) {
		Set<ExecutionAction> allowed = EnumSet.noneOf(ExecutionAction.class);
		for (ExecutionAction action : ExecutionAction.values()) {
			if (decide(state, action, false).allowed()) {
				allowed.add(action);
			}
		}
		return new Allowed(allowed);
	}

	/**
	 * The verdict on one action.
	 * @param force recover even though its owner looks alive (only {@code recover} has it)
	 */
	public Verdict decide(ExecutionState state, ExecutionAction action, boolean force) {
		String refusal = switch (action) {
			case STOP -> stop(state);
			case RESTART -> restart(state);
			case RECOVER -> recover(state, force);
			case ABANDON -> abandon(state);
		};
		return new Verdict(action, refusal);
	}

	private static @Nullable String stop(ExecutionState state) {
		long id = state.id();
		if (state.orphaned()) {
			return ("execution %d is %s but no process runs it (%s): there is nothing to stop; 'fanout recover %d' "
					+ "marks it FAILED, ready for a restart").formatted(id, state.status(),
							state.ownership().description(), id);
		}
		return switch (state.status()) {
			case STARTING, STARTED -> null;
			case STOPPING -> ("execution %d is already stopping: it stops at its next chunk or partition boundary (if "
					+ "its process died, 'recover %d' it)").formatted(id, id);
			default -> "execution %d is %s, not running; nothing to stop".formatted(id, state.status());
		};
	}

	private @Nullable String restart(ExecutionState state) {
		if (state.later() != null) {
			return notTheLast(state, ExecutionAction.RESTART);
		}
		if (state.needsRecovery()) {
			return (state.orphaned() && this.autoRecovery) ? null
					: running(state.id(), state.jobName(), state.status(), state.ownership());
		}
		long id = state.id();
		return switch (state.status()) {
			case FAILED, STOPPED -> null;
			case COMPLETED -> ("execution %d of %s already completed%s; restart only resumes a FAILED or STOPPED "
					+ "execution. For a fresh instance with the same parameters: %s").formatted(id, state.jobName(),
							outputs(state.outputs()), state.runNew());
			case ABANDONED -> ("execution %d of %s was abandoned, and an abandoned instance never runs again. For a "
					+ "fresh instance with the same parameters: %s").formatted(id, state.jobName(), state.runNew());
			default -> "execution %d is %s; only FAILED or STOPPED executions restart".formatted(id, state.status());
		};
	}

	private static @Nullable String recover(ExecutionState state, boolean force) {
		long id = state.id();
		if (!state.needsRecovery()) {
			return ("execution %d is %s; only an execution left running by a dead process, or ended UNKNOWN, needs "
					+ "recovering").formatted(id, state.status());
		}
		if (!state.ownership().orphaned() && !force) {
			return ("execution %d is not orphaned: %s. Stop it with 'fanout stop %d'; only if you are sure its process "
					+ "is dead, add --force (recovering a live execution lets a second run start beside it)")
				.formatted(id, state.ownership().description(), id);
		}
		return null;
	}

	private static @Nullable String abandon(ExecutionState state) {
		long id = state.id();
		BatchStatus status = state.status();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			return "execution %d is %s; only FAILED, STOPPED or UNKNOWN executions can be abandoned".formatted(id,
					status);
		}
		if (state.leftRunning()) {
			return state.ownership().orphaned()
					? "execution %d is %s but no process runs it (%s): 'fanout recover %d' it first, then abandon it"
						.formatted(id, status, state.ownership().description(), id)
					: "execution %d is %s: 'fanout stop %d' it first (%s)".formatted(id, status, id,
							state.ownership().description());
		}
		if (state.later() != null) {
			return notTheLast(state, ExecutionAction.ABANDON);
		}
		return null;
	}

	/** The instance went on in a later execution: that one decides what can be done with the instance. */
	private static String notTheLast(ExecutionState state, ExecutionAction action) {
		ExecutionState.Later later = state.later();
		String notLast = "execution %d is not the last of its instance; ".formatted(state.id());
		if (later.needsRecovery() && action == ExecutionAction.RESTART) {
			return notLast + running(later.id(), state.jobName(), later.status(), later.ownership());
		}
		if (later.needsRecovery()) {
			return notLast + (later.ownership().orphaned()
					? "the last is %d (%s) and no process runs it (%s): 'fanout recover %d' it, then %s that one"
					: "the last is %d (%s) and still runs (%s): 'fanout stop %d' it, then %s that one")
				.formatted(later.id(), later.status(), later.ownership().description(), later.id(), action.word());
		}
		String next = switch (later.status()) {
			case FAILED, STOPPED -> "%s that one instead ('fanout %s %d')".formatted(action.word(), action.word(),
					later.id());
			case COMPLETED -> "it completed the instance";
			case ABANDONED -> "it abandoned the instance";
			default -> "that one decides what happens to the instance";
		};
		return notLast + "the last is %d (%s): %s".formatted(later.id(), later.status(), next);
	}

	/**
	 * The instance's execution {@code id} runs, or the repository says it does: who runs it, or that nobody does and
	 * what to type. Also the refusal of a launch of that instance.
	 */
	public static String running(long id, String jobName, BatchStatus status, Ownership ownership) {
		if (ownership.orphaned()) {
			String state = (status == BatchStatus.UNKNOWN) ? "needs recovering" : "was left running and is orphaned";
			return ("execution %d of this %s instance " + state + ": %s. Recover it, then restart it: 'fanout recover %d' "
					+ "then 'fanout restart %d' ('fanout recover --orphans' recovers every orphan; with "
					+ "--fanout.recovery.auto=true, run and restart do both by themselves)")
				.formatted(id, jobName, ownership.description(), id, id);
		}
		return "execution %d of this %s instance is still running: %s. Wait for it to end, or stop it with 'fanout stop %d'"
			.formatted(id, jobName, ownership.description(), id);
	}

	private static String outputs(List<String> outputs) {
		return outputs.isEmpty() ? "" : " (output: " + String.join(", ", outputs) + ")";
	}

}
