/**
 * {@code fanout bench life}: the R-pentomino on a torus, in one JVM, every contender warmed once and repeated alike,
 * alternating: a plain byte-per-cell loop (the rate of a naive implementation), the bit-parallel kernel on one thread
 * (the reference the job must match), the job's band scheme in memory ({@link dev.fanout.jobs.life.grid.InMemoryBands}:
 * the job's ceiling) and independent tori (the machine's), and the job timed both as a whole run and by its generation
 * steps, its final grid compared with the kernel's, the GIF's drawing thread counted in the outputs' share. The job is
 * also run in fresh processes ({@link dev.fanout.jobs.life.bench.FreshProcessRun}), timed as the repository records it.
 */
package dev.fanout.jobs.life.bench;
