package dev.fanout.batch;

/**
 * {@code fanout worker} processes that a benchmark starts on this machine, to measure a job's partitions on remote
 * workers. The platform implements it ({@code dev.fanout.remote}) and publishes it as a bean only when the process's
 * workers are remote ({@code fanout.workers=remote}).
 */
public interface WorkerProcesses {

	/**
	 * Starts {@code count} worker processes of one slot each, with this process's settings and a data directory of
	 * their own, and returns once every one of them takes partitions.
	 * @throws IllegalStateException when one of them ended instead, with what it printed
	 */
	Started start(int count) throws InterruptedException;

	/** Started workers; closing them stops them as SIGTERM does and waits for them to end. */
	interface Started extends AutoCloseable {

		@Override
		void close();

	}

}
