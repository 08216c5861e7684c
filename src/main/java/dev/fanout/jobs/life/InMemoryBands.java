package dev.fanout.jobs.life;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The job's band scheme without the job: the grid cut into bands, each advanced K generations with its halo on a
 * thread of its own, the bands joined, and again, all in memory. {@code bench life} times it to show the ceiling that
 * the halo and the machine leave the job, before any framework or file cost.
 * {@link #independent} removes the halo and the joins too: what two threads can do on this machine at all.
 * <p>
 * Thread safety: each task reads the shared current grid (not written while tasks run) and returns its own rows; only
 * the calling thread pastes them into the next grid, after every task has finished.
 */
public final class InMemoryBands {

	private InMemoryBands() {
	}

	public static Grid advance(Grid grid, int partitions, int generationsPerStep, long generations) throws Exception {
		List<Band> bands = Band.split(grid.height(), partitions);
		Grid current = grid.copy();
		try (ExecutorService threads = Executors.newFixedThreadPool(partitions)) {
			for (long done = 0; done < generations; done += generationsPerStep) {
				int k = (int) Math.min(generationsPerStep, generations - done);
				Grid source = current;
				List<Future<BandResult>> results = new ArrayList<>();
				for (Band band : bands) {
					BandStep step = new BandStep(band, grid.height(), k);
					results.add(threads.submit(() -> step.advance(step.inputFrom(source), BandProgress.NONE)));
				}
				Grid next = new Grid(grid.width(), grid.height());
				for (Future<BandResult> result : results) {
					next.pasteRows(result.get().band().from(), result.get().rows());
				}
				current = next;
			}
		}
		return current;
	}

	/**
	 * The same cell updates with nothing shared: the grid's bands, each a torus of its own, advanced on a thread each
	 * without a join. Not the Game of Life of the grid (the bands do not see each other); a measure of the machine.
	 * @return each band's rows {@code generations} later, in band order
	 */
	public static List<Grid> independent(Grid grid, int threads, long generations) throws Exception {
		List<Future<Grid>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (Band band : Band.split(grid.height(), threads)) {
				Grid own = grid.copyRows(band.from(), band.rows());
				results.add(pool.submit(() -> BitKernel.advance(own, generations)));
			}
		}
		List<Grid> bands = new ArrayList<>();
		for (Future<Grid> result : results) {
			bands.add(result.get());
		}
		return bands;
	}

}
