package dev.fanout.launch;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

import dev.fanout.recovery.Ownership;

/**
 * What {@link ExecutionRules} decide from: one execution as the repository and the owner records tell it.
 *
 * @param leftRunning the repository says it runs: its status, or a step left running under it
 * @param ownership whether a live process owns it (judged only when it needs recovering; else ended)
 * @param later the last execution of its instance, when that is another one
 * @param outputs its outputs, named when a restart of a completed execution is refused
 * @param runNew a fresh instance with its parameters, which a refused restart advises
 */
public record ExecutionState(long id, String jobName, BatchStatus status, boolean leftRunning, Ownership ownership,
		@Nullable Later later, List<String> outputs, NewInstance runNew) {

	/** A later execution of the same instance. */
	public record Later(long id, BatchStatus status, boolean needsRecovery, Ownership ownership) {
	}

	/** It was left running, or ended UNKNOWN: the instance cannot run again before it is recovered. */
	public boolean needsRecovery() {
		return this.leftRunning || this.status == BatchStatus.UNKNOWN;
	}

	/** It needs recovering and no live process owns it. */
	public boolean orphaned() {
		return needsRecovery() && this.ownership.orphaned();
	}

}
