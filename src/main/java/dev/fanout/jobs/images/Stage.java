package dev.fanout.jobs.images;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * One stage of the pipeline (resize, upload) with its own concurrency: at most {@code permits} items are inside it at
 * once, whatever the number of threads carrying items. The semaphore is fair so items go through in arrival order.
 */
final class Stage {

	private final Semaphore permits;

	Stage(int permits) {
		this.permits = new Semaphore(permits, true);
	}

	<T> T run(Callable<T> work) throws Exception {
		this.permits.acquire();
		try {
			return work.call();
		}
		finally {
			this.permits.release();
		}
	}

}
