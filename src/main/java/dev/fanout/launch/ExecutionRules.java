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
 * The one set of rules for what may be done to an execution, and the one refusal for each, worded for each surface
 * ({@link Refusal}: what to type, what to send, which button to press): the CLI's
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

	/**
	 * A refusal in each surface's words: the same problem, and the fix as the CLI types it, as the API is sent it
	 * (endpoint and body) and as the dashboard offers it (button or form).
	 */
	public record Refusal(String cli, String api, String page) {

		/** A refusal whose fix, if any, names nothing particular to a surface. */
		static Refusal everywhere(String message) {
			return new Refusal(message, message, message);
		}

		/** The same refusal with the same words before each surface's. */
		Refusal after(String prefix) {
			return new Refusal(prefix + this.cli, prefix + this.api, prefix + this.page);
		}

		/** As a conflict: exit code 4, HTTP 409, each surface showing its words. */
		public CommandFailure failure() {
			return new CommandFailure(CommandFailure.Kind.CONFLICT, this.cli, this.api, this.page);
		}

	}

	/** Whether an action is allowed, and if not, why. */
	public record Verdict(ExecutionAction action, @Nullable Refusal refusal) {

		public boolean allowed() {
			return this.refusal == null;
		}

		/** Throws the refusal as a conflict (exit code 4, HTTP 409) unless the action is allowed. */
		public void orRefuse() {
			if (this.refusal != null) {
				throw this.refusal.failure();
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
		Refusal refusal = switch (action) {
			case STOP -> stop(state);
			case RESTART -> restart(state);
			case RECOVER -> recover(state, force);
			case ABANDON -> abandon(state);
		};
		return new Verdict(action, refusal);
	}

	private static @Nullable Refusal stop(ExecutionState state) {
		long id = state.id();
		if (state.orphaned()) {
			String problem = "execution %d is %s but no process runs it (%s): there is nothing to stop; ".formatted(id,
					state.status(), state.ownership().description());
			String fix = " marks it FAILED, ready for a restart";
			return new Refusal(problem + "'fanout recover %d'".formatted(id) + fix,
					problem + ExecutionAction.RECOVER.request(id) + fix, problem + "its Recover button" + fix);
		}
		return switch (state.status()) {
			case STARTING, STARTED -> null;
			case STOPPING -> {
				String problem = ("execution %d is already stopping: it stops at its next chunk or partition boundary "
						+ "(if its process died, ").formatted(id);
				yield new Refusal(problem + "'recover %d' it)".formatted(id),
						problem + "recover it: %s)".formatted(ExecutionAction.RECOVER.request(id)),
						problem + "recover it with its Recover button)");
			}
			default -> Refusal.everywhere("execution %d is %s, not running; nothing to stop".formatted(id, state.status()));
		};
	}

	private @Nullable Refusal restart(ExecutionState state) {
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
			case COMPLETED -> orFreshInstance(state, ("execution %d of %s already completed%s; restart only resumes a "
					+ "FAILED or STOPPED execution").formatted(id, state.jobName(), outputs(state.outputs())));
			case ABANDONED -> orFreshInstance(state, "execution %d of %s was abandoned, and an abandoned instance never "
				.formatted(id, state.jobName()) + "runs again");
			default -> Refusal.everywhere(
					"execution %d is %s; only FAILED or STOPPED executions restart".formatted(id, state.status()));
		};
	}

	/** The instance cannot run again: how each surface starts a fresh one with the same parameters. */
	private static Refusal orFreshInstance(ExecutionState state, String problem) {
		String fresh = problem + ". For a fresh instance with the same parameters: ";
		NewInstance runNew = state.runNew();
		return new Refusal(fresh + runNew.command(), fresh + runNew.request(), fresh + runNew.form());
	}

	private static @Nullable Refusal recover(ExecutionState state, boolean force) {
		long id = state.id();
		if (!state.needsRecovery()) {
			return Refusal.everywhere(("execution %d is %s; only an execution left running by a dead process, or ended "
					+ "UNKNOWN, needs recovering").formatted(id, state.status()));
		}
		if (!state.ownership().orphaned() && !force) {
			String problem = "execution %d is not orphaned: %s. ".formatted(id, state.ownership().description());
			String danger = " (recovering a live execution lets a second run start beside it)";
			return new Refusal(
					problem + "Stop it with 'fanout stop %d'; only if you are sure its process is dead, add --force"
						.formatted(id) + danger,
					problem + "Stop it with %s; only if you are sure its process is dead, add ?force=true"
						.formatted(ExecutionAction.STOP.request(id)) + danger,
					problem + "Stop it with its Stop button; only if you are sure its process is dead, force the "
							+ "recovery through the API or the CLI, as the dashboard never does" + danger);
		}
		return null;
	}

	private static @Nullable Refusal abandon(ExecutionState state) {
		long id = state.id();
		BatchStatus status = state.status();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			return Refusal.everywhere("execution %d is %s; only FAILED, STOPPED or UNKNOWN executions can be abandoned"
				.formatted(id, status));
		}
		if (state.leftRunning()) {
			String owner = state.ownership().description();
			if (state.ownership().orphaned()) {
				String problem = "execution %d is %s but no process runs it (%s): ".formatted(id, status, owner);
				return new Refusal(problem + "'fanout recover %d' it first, then abandon it".formatted(id),
						problem + "recover it first (%s), then abandon it".formatted(ExecutionAction.RECOVER.request(id)),
						problem + "recover it first with its Recover button, then abandon it");
			}
			// Only a STARTING or STARTED execution can be asked to stop; one already stopping is waited for.
			boolean stoppable = status == BatchStatus.STARTING || status == BatchStatus.STARTED;
			String problem = "execution %d is %s (%s): ".formatted(id, status, owner);
			return new Refusal("execution %d is %s: 'fanout stop %d' it first (%s)".formatted(id, status, id, owner),
					problem + (stoppable ? "stop it first with " + ExecutionAction.STOP.request(id)
							: "wait for it to stop, then abandon it"),
					problem + (stoppable ? "stop it first with its Stop button" : "wait for it to stop, then abandon it"));
		}
		if (state.later() != null) {
			return notTheLast(state, ExecutionAction.ABANDON);
		}
		return null;
	}

	/** The instance went on in a later execution: that one decides what can be done with the instance. */
	private static Refusal notTheLast(ExecutionState state, ExecutionAction action) {
		ExecutionState.Later later = state.later();
		String notLast = "execution %d is not the last of its instance; ".formatted(state.id());
		long last = later.id();
		if (later.needsRecovery() && action == ExecutionAction.RESTART) {
			return running(last, state.jobName(), later.status(), later.ownership()).after(notLast);
		}
		if (later.needsRecovery()) {
			boolean orphaned = later.ownership().orphaned();
			String problem = notLast + (orphaned ? "the last is %d (%s) and no process runs it (%s): "
					: "the last is %d (%s) and still runs (%s): ")
				.formatted(last, later.status(), later.ownership().description());
			ExecutionAction first = orphaned ? ExecutionAction.RECOVER : ExecutionAction.STOP;
			return new Refusal(problem + "'fanout %s %d' it, then %s that one".formatted(first.word(), last,
					action.word()),
					problem + "%s it (%s), then %s that one (%s)".formatted(first.word(), first.request(last),
							action.word(), action.request(last)),
					problem + "%s it with the %s button on execution %d's page, then %s it there".formatted(first.word(),
							first.button(), last, action.word()));
		}
		String problem = notLast + "the last is %d (%s): ".formatted(last, later.status());
		return switch (later.status()) {
			case FAILED, STOPPED -> new Refusal(
					problem + "%s that one instead ('fanout %s %d')".formatted(action.word(), action.word(), last),
					problem + "%s that one instead (%s)".formatted(action.word(), action.request(last)),
					problem + "%s that one instead, with the %s button on execution %d's page".formatted(action.word(),
							action.button(), last));
			case COMPLETED -> Refusal.everywhere(problem + "it completed the instance");
			case ABANDONED -> Refusal.everywhere(problem + "it abandoned the instance");
			default -> Refusal.everywhere(problem + "that one decides what happens to the instance");
		};
	}

	/**
	 * The instance's execution {@code id} runs, or the repository says it does: who runs it, or that nobody does, and
	 * what to do in each surface's words. Also the refusal of a launch of that instance.
	 */
	public static Refusal running(long id, String jobName, BatchStatus status, Ownership ownership) {
		if (ownership.orphaned()) {
			String state = (status == BatchStatus.UNKNOWN) ? "needs recovering" : "was left running and is orphaned";
			String problem = "execution %d of this %s instance %s: %s. Recover it, then restart it: ".formatted(id,
					jobName, state, ownership.description());
			return new Refusal(problem + ("'fanout recover %d' then 'fanout restart %d' ('fanout recover --orphans' "
					+ "recovers every orphan; with --fanout.recovery.auto=true, run and restart do both by themselves)")
				.formatted(id, id),
					problem + "%s, then %s (a server with fanout.recovery.auto=true does both by itself)".formatted(
							ExecutionAction.RECOVER.request(id), ExecutionAction.RESTART.request(id)),
					problem + "the Recover button on execution %d's page, then its Restart button".formatted(id));
		}
		String problem = "execution %d of this %s instance is still running: %s. Wait for it to end, or stop it with "
			.formatted(id, jobName, ownership.description());
		return new Refusal(problem + "'fanout stop %d'".formatted(id), problem + ExecutionAction.STOP.request(id),
				problem + "the Stop button on execution %d's page".formatted(id));
	}

	private static String outputs(List<String> outputs) {
		return outputs.isEmpty() ? "" : " (output: " + String.join(", ", outputs) + ")";
	}

}
