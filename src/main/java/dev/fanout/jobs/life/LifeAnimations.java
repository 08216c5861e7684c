package dev.fanout.jobs.life;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.picture.GridImages;

/**
 * The GIF of a run's first generations, drawn while its generation steps run rather than after them. It shows
 * generation 0 and the ones after it, which the seed step knows: the seed step starts it on a thread of its own, into
 * the work directory, and the outputs step waits for it and moves it into place. Where there is none (a restart after
 * the seed step completed in an earlier process), or drawing it failed, the outputs step draws it itself: the same
 * bytes either way. The drawing thread's CPU time is handed to the outputs step, which records it: that work is the
 * outputs' even though it runs beside the generations, and a bench must count it as such.
 * <p>
 * Thread-safe: the animations being drawn are in a concurrent map, keyed by job execution; the seed step's thread
 * adds one, the outputs step's thread or the job's end takes it out, and only the drawing thread touches its files
 * until it has ended (the outputs step waits for its task, the job's end joins it).
 */
class LifeAnimations implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(LifeAnimations.class);

	/**
	 * Grids the drawing holds besides the run's own: generation 0, and the two it steps through to find the live
	 * area. Drawn beside the generations only when they fit in the heap's budget with the run's
	 * {@link Grid#GRIDS_IN_MEMORY}; a larger grid is drawn by the outputs step, as before, once those are freed.
	 */
	static final int GRIDS_WHILE_DRAWING = 3;

	private final ConcurrentMap<Long, Drawing> drawings = new ConcurrentHashMap<>();

	/** One animation being drawn into the work directory by its thread, and what it shows once drawn. */
	private record Drawing(Path file, FutureTask<Drawn> task, Thread thread) {
	}

	/**
	 * An animation drawn beside the generations.
	 *
	 * @param window the cells it shows
	 * @param cpuNanos the CPU time its drawing thread used, or -1 where the JVM cannot tell
	 */
	record Drawn(GridImages.Window window, long cpuNanos) {
	}

	/**
	 * Starts drawing the animation from generation 0 ({@code start}) into the work directory, when its grids fit in
	 * the heap beside the run's; returns whether it did.
	 */
	boolean start(JobExecution execution, Checkpoints checkpoints, Grid start, int frames) {
		return start(execution, checkpoints, start, frames, Grid.heapBudget());
	}

	/** {@link #start(JobExecution, Checkpoints, Grid, int)} against a given budget of bytes. */
	boolean start(JobExecution execution, Checkpoints checkpoints, Grid start, int frames, long budgetBytes) {
		long grids = Grid.GRIDS_IN_MEMORY + GRIDS_WHILE_DRAWING;
		if (Grid.estimateBytes(start.width(), start.height()) * grids > budgetBytes) {
			return false;
		}
		Path file = checkpoints.work().resolve(LifeOutputs.GIF);
		// One coder: the generation steps run beside it and need the cores more.
		FutureTask<Drawn> task = new FutureTask<>(() -> {
			long cpuBefore = threadCpuNanos();
			GridImages.Window window = GridImages.writeFocusedAnimation(file, start, frames,
					LifeOutputs.GIF_DELAY_MILLIS, 1);
			long cpuAfter = threadCpuNanos();
			return new Drawn(window, (cpuBefore < 0 || cpuAfter < 0) ? -1 : cpuAfter - cpuBefore);
		});
		Thread thread = Thread.ofPlatform().name("life-animation-" + execution.getId()).daemon().unstarted(task);
		this.drawings.put(execution.getId(), new Drawing(file, task, thread));
		thread.start();
		return true;
	}

	/**
	 * Moves the animation drawn for this execution to {@code target} once it is finished, and returns what it shows
	 * and what drawing it cost; empty when none was drawn here (the caller draws it).
	 */
	Optional<Drawn> finish(JobExecution execution, Path target) throws InterruptedException {
		Drawing drawing = this.drawings.remove(execution.getId());
		if (drawing == null) {
			return Optional.empty();
		}
		try {
			Drawn drawn = drawing.task().get();
			Files.move(drawing.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return Optional.of(drawn);
		}
		catch (ExecutionException | IOException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			logger.warn("Execution {}: the animation drawn beside the generations is unusable ({}); drawing it again",
					execution.getId(), String.valueOf(cause));
			return Optional.empty();
		}
	}

	/** This thread's CPU time so far, or -1 where the JVM does not measure it. */
	private static long threadCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
	}

	/**
	 * An execution that ends before its outputs step (failed, stopped) leaves nothing behind here: its drawing is
	 * interrupted (it gives up at its next generation or frame) and waited for, so that no thread goes on drawing, and
	 * holding its grids, beside whatever runs next in this process (a restart of the instance), and no GIF appears in
	 * the work directory after the execution has ended; one drawn already is deleted, the outputs step of a restart
	 * draws its own. A cancel alone ({@code cancel(false)}, as it was) let the thread draw on to the end.
	 */
	@Override
	public void afterJob(JobExecution execution) {
		Drawing drawing = this.drawings.remove(execution.getId());
		if (drawing == null) {
			return;
		}
		drawing.task().cancel(true);
		try {
			drawing.thread().join();
			Files.deleteIfExists(drawing.file());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			logger.warn("Execution {}: could not delete the animation {}: {}", execution.getId(), drawing.file(),
					ex.getMessage());
		}
	}

}
