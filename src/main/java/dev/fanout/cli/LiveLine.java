package dev.fanout.cli;

import java.io.PrintWriter;

/**
 * What a launch writes while it runs: progress on standard output and notices (a signal's stop, its timeout, an
 * automatic recovery) on standard error. On a terminal the progress is one live line, redrawn in place with
 * {@code \r} and erase-to-end-of-line; both streams usually reach the same screen, so a notice written as it is
 * would land on the end of the live line and be overwritten by the next redraw. A notice therefore first erases the
 * live line, then stands on a line of its own; the next {@link #show} draws the live line again under it.
 * <p>
 * The monitor's thread shows the line and a signal's thread writes notices: every method is synchronized on this
 * object, which guards {@code liveLineShown} and the order of what reaches the two streams.
 */
final class LiveLine {

	/** Erases from the cursor to the end of the line (ANSI EL). */
	private static final String ERASE_TO_END = "\033[K";

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	/** Whether the live line is on the screen (the cursor at its end). Guarded by {@code this}. */
	private boolean liveLineShown;

	LiveLine(PrintWriter out, PrintWriter err, boolean terminal) {
		this.out = out;
		this.err = err;
		this.terminal = terminal;
	}

	boolean terminal() {
		return this.terminal;
	}

	/** Draws the live line in place of the previous one (on a terminal only). */
	synchronized void show(String line) {
		this.out.print("\r" + line + ERASE_TO_END);
		this.out.flush();
		this.liveLineShown = true;
	}

	/** A line of standard output that stays, such as {@code Started execution 12 of life}. */
	synchronized void println(String line) {
		erase();
		this.out.println(line);
		this.out.flush();
	}

	/** A notice on standard error, on its own line. */
	synchronized void notice(String notice) {
		erase();
		this.err.println(notice);
		this.err.flush();
	}

	/** Erases the live line for good: the launch has ended. */
	synchronized void clear() {
		erase();
	}

	private void erase() {
		if (this.liveLineShown) {
			this.out.print("\r" + ERASE_TO_END);
			this.out.flush();
			this.liveLineShown = false;
		}
	}

}
