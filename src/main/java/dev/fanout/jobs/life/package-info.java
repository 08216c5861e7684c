/**
 * The {@code life} job: the book's item 56, Conway's Game of Life on a torus, with fan-out over row bands and fan-in
 * before the next generation.
 * <p>
 * <b>Shape.</b> The launch reads the pattern once and checks it against the grid and the heap
 * ({@link dev.fanout.jobs.life.LifeJobDescription}); {@code lifeSeed} places it, writes generation 0 and starts
 * drawing the GIF of the first generations from it on a thread of its own
 * ({@link dev.fanout.jobs.life.LifeAnimations}). The partitioned step
 * {@code lifeGenerations} cuts the grid into {@code partitions} row bands ({@link dev.fanout.jobs.life.LifePartitioner});
 * each band worker ({@link dev.fanout.jobs.life.BandWorker}) reads its rows and K halo rows from the latest checkpoint
 * file, advances them K generations with the bit-parallel kernel ({@link dev.fanout.jobs.life.grid.BitKernel}, 64 cells per
 * {@code long}) and writes its rows of generation g + K to a band file; the manager's fan-in
 * ({@link dev.fanout.jobs.life.LifeFanIn}) joins the band files into the next checkpoint. A decider loops the step until
 * the last generation; {@code lifeOutputs} writes RLE, CSV, PNG, moves the GIF into place (drawing it itself when a
 * restart left none) and writes the book's column view (pictures of a sparse
 * grid focus on its live cells: {@code picture.LiveClusters}, {@code picture.GridImages#focus}).
 * <p>
 * <b>Layout.</b> This package is the job's wiring: configuration, parameters, description, steps, partitioner, fan-in
 * and the checkpoint files. The Spring-free domain is in subpackages: {@code grid} (cells, kernel, rules, bands),
 * {@code format} (patterns, RLE, grid files, the text view) and {@code picture} (PNG, GIF).
 * <p>
 * <b>Why K generations per step.</b> A step costs ~15 ms of bookkeeping here, a partition ~3 ms, and the files ~0.5 ns
 * per cell (34 ms on 8192²): one step per generation would cost more than a 1 ms generation. A band with K halo rows on each side can advance K
 * generations alone (its own rows stay exact, see {@link dev.fanout.jobs.life.grid.BandStep}), at the price of recomputing the
 * shrinking halo. {@link dev.fanout.jobs.life.grid.CheckpointPolicy} picks the K that minimises steps × overhead + halo work
 * ({@code checkpoint=auto}); the per-generation populations still come from every generation of every band, so the
 * population CSV has a row per generation. The bands of a step run at once, each holding its rows and halo rows twice
 * (the whole grid twice when the halo reaches around the torus; when it would for every band, they would all compute
 * the same cells, and the step runs one band instead): the launch refuses a K and partitions whose bands
 * would not fit in half the heap ({@link dev.fanout.jobs.life.grid.BandStep#heapBytes(int, int, int, int)}), and
 * {@code checkpoint=auto} lowers K until they do.
 * <p>
 * <b>Restart.</b> Checkpoint files ({@code data/out/life/instance-N/gen-*.grid}, written atomically) are the truth:
 * a restart resumes at the latest one, without reading the pattern again. Partition names carry the generation, so
 * the bands of the interrupted step that completed are not computed again.
 * <p>
 * <b>Beyond one JVM.</b> With remote workers ({@code fanout.workers=remote}) the bands run on {@code fanout worker}
 * processes that share nothing with the manager but the database and the broker: the partitioner publishes each
 * band's input rows of the checkpoint to the repository and the worker gives back its band's new rows there
 * ({@link dev.fanout.jobs.life.BandRows}); the fan-in writes them to band files and joins them as in a local run, so the
 * checkpoints stay the manager's, and a run can be restarted with workers local or remote, whichever it started with.
 * <p>
 * <b>Thread safety.</b> Kernel and files are stateless; each worker owns its buffers. With {@code cellLatency}, per-cell
 * tasks write their own cell of a shared band grid with {@link dev.fanout.jobs.life.grid.Grid#setAliveConcurrently}, an atomic
 * update of the word.
 */
package dev.fanout.jobs.life;

import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.picture.GridImages;
import dev.fanout.jobs.life.picture.LiveClusters;
