/**
 * {@code fanout bench images}: (a) the book's model, every stage a 10 ms wait (tiny images, local directories), the job
 * against the model's ideal time, the book's design ported to plain Java ({@link
 * dev.fanout.jobs.images.bench.QueuePipeline}: three stages of threads joined by bounded queues, the same ends, the
 * same threads per stage) and the chapter's own Python program ({@link dev.fanout.jobs.images.bench.ChapterPipeline});
 * (b) real HTTP against a local server that answers after 10 ms, the job against the same queue pipeline on that
 * server; (c) real resizing of large JPEGs, the job against a plain loop on a thread pool that does the job's work per
 * image with the job's own {@link dev.fanout.jobs.images.codec.ImageResizer}. Every contender is warmed once and
 * repeated alike, timed as a whole run, and its outputs are checked.
 */
package dev.fanout.jobs.images.bench;
