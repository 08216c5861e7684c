/**
 * {@code fanout bench life}: the R-pentomino on a torus, in one JVM, every contender warmed once and repeated alike:
 * a plain byte-per-cell loop (the rate of a naive implementation), the bit-parallel kernel on one thread (the
 * reference the job must match), the job's band scheme in memory ({@link dev.fanout.jobs.life.InMemoryBands}: the
 * job's ceiling) and independent tori (the machine's), and the job timed both as a whole run and by its generation
 * steps, its final grid compared with the kernel's.
 */
package dev.fanout.jobs.life.bench;
