package dev.fanout.life;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The job's band scheme without the job: the grid cut into bands, each advanced K generations with its halo on a
 * thread of its own, the bands joined, and again, all in memory. {@code bench life} times it to show the ceiling that
 * the halo and the machine leave the job, before any framework or file cost.
 * <p>
 * Thread safety: each task reads the shared current grid (not written while tasks run) and returns its own rows; only
 * the calling thread pastes them into the next grid, after every task has finished.
 */
final class InMemoryBands {

	private InMemoryBands() {
	}

	static Grid advance(Grid grid, int partitions, int generationsPerStep, long generations) throws Exception {
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

}
