package dev.fanout.jobs.sensors.counting;

/**
 * The book's counter of light-sensor readings, shared by every sensor's worker thread. Implementations differ only in
 * how (and whether) they guard the read-modify-write of {@link #increment}.
 */
public interface ReadingCounter {

	/** Adds {@code offset} readings; called by many threads at once. */
	void increment(long offset);

	/** The readings counted so far. Exact once every incrementing thread has finished (joined). */
	long count();

}
