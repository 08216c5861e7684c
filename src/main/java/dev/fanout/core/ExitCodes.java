package dev.fanout.core;

import org.springframework.batch.core.BatchStatus;

/** The process exit codes of the CLI, documented in the README. */
public final class ExitCodes {

	/** The job completed, or the command did what was asked. */
	public static final int OK = 0;

	/** The job failed (its exit description says why), or an unexpected error occurred. */
	public static final int FAILED = 1;

	/** The command line or a job parameter was wrong: nothing was launched or changed. */
	public static final int USAGE = 2;

	/** The job was stopped (by {@code stop} or a signal) and can be restarted. */
	public static final int STOPPED = 3;

	/**
	 * The repository's state does not allow the action: the instance already completed, an execution is still running,
	 * the execution is not in a state that can be stopped/restarted/abandoned.
	 */
	public static final int CONFLICT = 4;

	private ExitCodes() {
	}

	public static int of(BatchStatus status) {
		return switch (status) {
			case COMPLETED -> OK;
			case STOPPED, STOPPING -> STOPPED;
			default -> FAILED;
		};
	}

}
