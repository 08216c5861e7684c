/**
 * {@code fanout bench images}: (a) the book's shape, every stage a 10 ms wait against a local HTTP server, the job
 * against the book's design ported to plain Java ({@link dev.fanout.jobs.images.bench.QueuePipeline}: three
 * stages of threads joined by bounded queues, the same server, the same threads per stage); (b) real resizing of large JPEGs, the job against a plain loop on a thread
 * pool that does the job's work per image with the job's own {@link dev.fanout.jobs.images.ImageResizer}. Every
 * contender is warmed once and repeated alike, timed as a whole run, and its outputs are checked.
 */
package dev.fanout.jobs.images.bench;
