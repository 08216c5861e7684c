package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandProgress;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;

/**
 * Measures cell updates per second (not a test: run it by hand, see the class comment of {@code grid.BitKernelTests}):
 * the R-pentomino centred on a 1024×1024 torus for 1103 generations with {@link BitKernel} on one thread, with
 * {@link BandStep} bands on 1 and 2 threads, and a few generations of {@link LifeRules}, the plain byte loop.
 * <pre>
 * mvn -B -q test-compile &amp;&amp; java -cp target/classes:target/test-classes dev.fanout.jobs.life.KernelBenchmark
 * java -Dsize=4096 -Dgenerations=200 -cp target/classes:target/test-classes dev.fanout.jobs.life.KernelBenchmark
 * </pre>
 */
final class KernelBenchmark {

	private static final int SIZE = Integer.getInteger("size", 1024);

	private static final int GENERATIONS = Integer.getInteger("generations", 1103);

	public static void main(String[] args) throws Exception {
		Grid start = Placement.place(PatternReader.parse("x = 3, y = 3, rule = B3/S23\nb2o$2ob$bo!", "r-pentomino"),
				SIZE, SIZE, Placement.CENTER);
		long updates = (long) SIZE * SIZE * GENERATIONS;
		for (int round = 0; round < 5; round++) {
			long t0 = System.nanoTime();
			Grid end = BitKernel.advance(start, GENERATIONS);
			long t1 = System.nanoTime();
			report("BitKernel, 1 thread", updates, t1 - t0, end.population());
		}
		for (int threads : new int[] { 1, 2 }) {
			for (int checkpoint : new int[] { 16, 64 }) {
				for (int round = 0; round < 3; round++) {
					long t0 = System.nanoTime();
					Grid end = bands(start, threads, checkpoint);
					long t1 = System.nanoTime();
					report("BandStep, %d partitions, checkpoint=%d".formatted(threads, checkpoint), updates, t1 - t0,
							end.population());
				}
			}
		}
		for (int threads : new int[] { 1, 2 }) {
			int k = CheckpointPolicy.generationsPerStep(SIZE, SIZE, threads, GENERATIONS);
			for (int round = 0; round < 3; round++) {
				long t0 = System.nanoTime();
				Grid end = bandsThroughFiles(start, threads, k);
				long t1 = System.nanoTime();
				report("files, %d partitions, auto checkpoint=%d".formatted(threads, k), updates, t1 - t0,
						end.population());
			}
		}
		byte[] cells = LifeRules.toBytes(start);
		for (int round = 0; round < 3; round++) {
			long t0 = System.nanoTime();
			long done = LifeRules.advance(cells, SIZE, SIZE, 20);
			long t1 = System.nanoTime();
			report("LifeRules, 1 thread, 20 generations", done, t1 - t0, -1);
		}
	}

	/** Bands with halos, each partition advancing K generations per round, in memory. */
	private static Grid bands(Grid start, int partitions, int checkpoint) throws Exception {
		List<Band> bands = Band.split(SIZE, partitions);
		Grid grid = start.copy();
		try (ExecutorService executor = Executors.newFixedThreadPool(partitions)) {
			for (int done = 0; done < GENERATIONS;) {
				int k = Math.min(checkpoint, GENERATIONS - done);
				Grid current = grid;
				List<Future<BandResult>> results = new ArrayList<>();
				for (Band band : bands) {
					BandStep step = new BandStep(band, SIZE, k);
					results.add(executor.submit(() -> step.advance(step.inputFrom(current), BandProgress.NONE)));
				}
				Grid next = new Grid(SIZE, SIZE);
				for (Future<BandResult> result : results) {
					next.pasteRows(result.get().band().from(), result.get().rows());
				}
				grid = next;
				done += k;
			}
		}
		return grid;
	}

	/** Like a job: every K generations a checkpoint file; bands read their halo from it and write band files. */
	private static Grid bandsThroughFiles(Grid start, int partitions, int checkpoint) throws Exception {
		Path directory = Files.createTempDirectory("life-benchmark");
		List<Band> bands = Band.split(SIZE, partitions);
		Path current = directory.resolve("generation-0.grid");
		GridFile.write(current, start, 0);
		try (ExecutorService executor = Executors.newFixedThreadPool(partitions)) {
			for (int done = 0; done < GENERATIONS;) {
				int k = Math.min(checkpoint, GENERATIONS - done);
				int generation = done + k;
				Path input = current;
				List<Future<Path>> results = new ArrayList<>();
				for (Band band : bands) {
					BandStep step = new BandStep(band, SIZE, k);
					results.add(executor.submit(() -> {
						BandResult result = step.advance(GridFile.readRows(input, step.firstRow(), step.rowCount()),
								BandProgress.NONE);
						Path file = directory.resolve("band-%d-%d.grid".formatted(generation, band.from()));
						GridFile.writeRows(file, result.rows(), SIZE, band.from(), generation);
						return file;
					}));
				}
				List<Path> files = new ArrayList<>();
				for (Future<Path> result : results) {
					files.add(result.get());
				}
				current = directory.resolve("generation-%d.grid".formatted(generation));
				GridFile.merge(files, current);
				done = generation;
			}
		}
		Grid end = GridFile.read(current);
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(directory);
		return end;
	}

	private static void report(String what, long updates, long nanos, long population) {
		System.out.printf(Locale.ROOT, "%-45s %8.1f ms  %6.2f × 10^9 cell updates/s%s%n", what, nanos / 1e6,
				updates / (double) nanos, (population >= 0) ? "  population " + population : "");
	}

}
