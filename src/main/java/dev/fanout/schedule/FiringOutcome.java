package dev.fanout.schedule;

/** What became of one firing on this server. */
public enum FiringOutcome {

	/** This server launched the firing's job; it has ended (in any status). */
	LAUNCHED,

	/** Another launch has the firing: another server (or an earlier firing here) runs or ran it. Not run again. */
	TAKEN,

	/**
	 * Another live process has claimed the firing but not created its instance yet: the scheduler looks at it again
	 * at its next ticks, until the instance exists or the holder dies (then this server launches it).
	 */
	PENDING,

	/** The launch was refused or broke (parameters rejected, repository unreachable...): logged as an error. */
	FAILED,

	/** Not launched: every launch thread and queue slot was busy, or the scheduler was shutting down. */
	DROPPED

}
