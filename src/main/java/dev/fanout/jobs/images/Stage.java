package dev.fanout.jobs.images;

import java.util.concurrent.Semaphore;

/**
 * One stage of the pipeline (resize, upload) with its own concurrency: at most {@code permits} items are inside it at
 * once, whatever the number of threads carrying items. The semaphore is fair so items go through in arrival order.
 */
final class Stage {

	/** The work of one item in a stage. */
	@FunctionalInterface
	interface Work<T> {

		T run() throws Exception;

	}

	private final Semaphore permits;

	Stage(int permits) {
		this.permits = new Semaphore(permits, true);
	}

	<T> T run(Work<T> work) throws Exception {
		this.permits.acquire();
		try {
			return work.run();
		}
		finally {
			this.permits.release();
		}
	}

}
