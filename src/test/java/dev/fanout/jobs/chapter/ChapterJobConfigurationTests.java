package dev.fanout.jobs.chapter;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.springframework.core.task.TaskExecutor;

import dev.fanout.Await;

class ChapterJobConfigurationTests {

	/** The chapter's items: openssl, factorize, sensors, images, life. */
	private static final int ITEMS = 5;

	@Test
	void theItemsOfTwoChapterExecutionsRunningAtOnceAllStartWithoutWaitingForEachOther() throws Exception {
		// The job, and so its split's executor, is one for every execution: serve runs two chapters side by side.
		TaskExecutor executor = ChapterJobConfiguration.itemsExecutor();
		int items = 2 * ITEMS;
		CountDownLatch running = new CountDownLatch(items);
		CountDownLatch end = new CountDownLatch(1);
		// As the split of each execution does: one task per item, handed over from the execution's own thread.
		Thread firstExecution = Thread.ofPlatform().start(() -> startItems(executor, ITEMS, running, end));
		Thread secondExecution = Thread.ofPlatform().start(() -> startItems(executor, ITEMS, running, end));
		try {
			Await.until("every item of both executions running", Duration.ofSeconds(10),
					() -> running.getCount() == 0);
		}
		finally {
			end.countDown();
			firstExecution.join();
			secondExecution.join();
		}
	}

	/** Starts {@code count} items that run until {@code end}. */
	private static void startItems(TaskExecutor executor, int count, CountDownLatch running, CountDownLatch end) {
		for (int i = 0; i < count; i++) {
			executor.execute(() -> {
				running.countDown();
				try {
					end.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
	}

}
