/**
 * The {@code images} job: the book's item 55 (a download → resize → upload pipeline whose stages run concurrently,
 * with bounded queues between them) as a chunk step whose reader runs the stages on threads of their own.
 * <p>
 * <b>Why not the obvious shape.</b> Spring Batch 6 reads and writes a chunk on one thread and runs only the processor
 * concurrently, and a chunk's items are written only after all of them were processed. Download and resize in the
 * processor with uploads in the writer would therefore run the stages one after the other, chunk by chunk: at the
 * book's 3/4/5 threads and 10 ms per stage that is about 1.6× the ideal time instead of 1.0×. Uploading in a
 * concurrent processor, as this job did until 2026-12-07, still stopped the upload stage at every chunk boundary, until
 * the chunk was written and committed and the next one read: at 1/1/1, where uploads are as slow as downloads, those
 * stops added up to 2% of the run (20 boundaries for 1000 images).
 * <p>
 * <b>The shape used.</b> The book's pipeline runs in {@link dev.fanout.jobs.images.PipelineReader}, ahead of the
 * chunk: each image's download on {@code downloadThreads} threads of its own, its resize on {@code resizeThreads}
 * more, its upload on {@code uploadThreads} more, in list order, at most one chunk ahead of the chunk being read. The
 * chunk is the bookkeeping: {@link dev.fanout.jobs.images.ImageOutcomes}, the processor, waits for each item's outcome
 * (uploaded, already present, or the failure that skips it), and {@link dev.fanout.jobs.images.ReportWriter}, the
 * writer, appends the chunk's outcomes to a report in the chunk's transaction, and publishes the report with the
 * chunk that completes it. No stage waits for a commit.
 * <p>
 * Memory stays bounded: at most two chunks of images are held (encoded sources until resized, then the resized
 * images until uploaded), and decoded pixels exist only inside the resize stage, where
 * {@link dev.fanout.jobs.images.codec.ResizeMemory} admits a resize only when its estimated bytes fit what is left of
 * {@code fanout.images.resize-memory} (half the heap by default); sources much larger than their output are decoded
 * subsampled.
 * <p>
 * <b>No duplicate uploads.</b> An image's gallery name is derived from its content and output size, so a retry or
 * restart writes the same name again. The only items an earlier attempt may have uploaded without committing are those
 * of the chunk it was working on and of the next one, whose uploads run ahead: on a restart, those are looked up in
 * the gallery before uploading and reported as already present instead of being uploaded again. Their end is saved in
 * the step's context (at each commit, and before an attempt's first upload), so a restart with another chunk size
 * looks up the same items. A step that ends (failed, stopped) first waits for its uploads under way.
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
