package dev.fanout.batch;

/** Whether a launch starts its job instance's first execution or restarts it; a restart reads no input again. */
public enum LaunchKind {

	/** The instance's first execution: the launch reads and checks the job's inputs. */
	FIRST,

	/**
	 * Another execution of a FAILED or STOPPED instance: what the first one read is in its saved plan (work files,
	 * execution contexts), and a step that still needs an input reads it itself.
	 */
	RESTART

}
