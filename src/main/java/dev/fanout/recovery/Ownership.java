package dev.fanout.recovery;

import org.jspecify.annotations.Nullable;

/**
 * Whether a running execution's owner is alive, with a sentence saying why, for {@code history}, {@code show},
 * {@code recover} and the launch path.
 *
 * @param owner its owner record, if any
 */
public record Ownership(State state, String description, @Nullable OwnerRecord owner) {

	/** What is known of an execution's owner. */
	public enum State {

		/** The execution is not running: nobody owns it. */
		ENDED,

		/** Its owner process is alive (or, on another host, its heartbeat is recent). */
		ALIVE,

		/** Nobody runs it any more although the repository says it runs: recover it, then restart it. */
		ORPHANED

	}

	static final Ownership ENDED = new Ownership(State.ENDED, "", null);

	public boolean orphaned() {
		return this.state == State.ORPHANED;
	}

	public boolean alive() {
		return this.state == State.ALIVE;
	}

}
