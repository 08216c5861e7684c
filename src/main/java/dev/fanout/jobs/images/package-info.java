/**
 * The {@code images} job: the book's item 55 (a download → resize → upload pipeline whose stages run concurrently,
 * with bounded queues between them) as a multi-threaded chunk step.
 * <p>
 * <b>Why not the obvious shape.</b> Spring Batch 6 reads and writes a chunk on one thread and runs only the processor
 * concurrently, and a chunk's items are written only after all of them were processed. Download and resize in the
 * processor with uploads in the writer would therefore run the stages one after the other, chunk by chunk: at the
 * book's 3/4/5 threads and 10 ms per stage that is about 1.6× the ideal time instead of 1.0×.
 * <p>
 * <b>The shape used.</b> Each stage gets its own concurrency:
 * <ul>
 * <li>{@link dev.fanout.jobs.images.PrefetchingReader} starts each image's download on {@code downloadThreads} threads
 * of its own, then its resize on {@code resizeThreads} more, in list order, up to one chunk ahead of the pipeline.
 * Neither has side effects, so running ahead across a chunk boundary is safe (a crash just drops them), and neither
 * stage stalls while a chunk ends and commits. With the resizes in the processor instead, each chunk began with a
 * burst of resizes of the images downloaded during the chunk before, and the last chunk's burst alone added ~0.14 s
 * (4%) to the book's model (measured 2026-12-06).</li>
 * <li>{@link dev.fanout.jobs.images.ImagePipeline}, the processor, runs every item of a chunk at once on virtual
 * threads: it waits for the item's resized image, then passes an upload stage that admits {@code uploadThreads}
 * items at a time (a fair semaphore, so items keep their order). Uploads are the only side effect, so they stay in
 * the chunk: a chunk's uploads are done before it commits.</li>
 * <li>{@link dev.fanout.jobs.images.ReportWriter}, the writer, appends the chunk's outcomes (uploaded, already present,
 * skipped and why) to a report in the chunk's transaction.</li>
 * </ul>
 * Memory stays bounded: at most two chunks of images are held (encoded sources until resized, then the resized
 * images), and decoded pixels exist only inside the resize stage, where
 * {@link dev.fanout.jobs.images.codec.ResizeMemory} admits a resize only when its estimated bytes fit what is left of
 * {@code fanout.images.resize-memory} (half the heap by default); sources much larger than their output are decoded
 * subsampled.
 * <p>
 * <b>No duplicate uploads.</b> An image's gallery name is derived from its content and output size, so a retry or
 * restart writes the same name again. The only items an earlier attempt may have uploaded without committing are those
 * of the chunk it was working on: on a restart, those are looked up in the gallery before uploading and reported as
 * already present instead of being uploaded again. That chunk's end is saved in the step's context (at each commit,
 * and before an attempt's first chunk), so a restart with another chunk size looks up the same items.
 * <p>
 * <b>Failures.</b> A permanent problem with one image (HTTP 404, not an image, corrupt or truncated data, too large)
 * skips it: counted in the step's skip count and listed with its reason in the report. Transient ones (timeouts,
 * 5xx, a connection reset) are retried with backoff; when the retries run out the job fails, and a restart goes on
 * from the last committed chunk, or, under {@link dev.fanout.jobs.images.OnExhausted#SKIP}, the image is skipped and
 * reported like a permanent problem.
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and the pipeline's Spring Batch
 * parts (reader, processor, writer, report); the Spring-free parts are in subpackages: {@code codec} (formats,
 * decoding, resizing, EXIF orientation, the resize memory), {@code http} (downloads, galleries, the local
 * {@code ImageServer}) and {@code samples} (the deterministic pictures of tests and the benchmark).
 */
package dev.fanout.jobs.images;
