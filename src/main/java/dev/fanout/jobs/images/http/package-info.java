/**
 * Where the {@code images} job's images come from and go, without Spring: downloads over HTTP with idle timeouts,
 * bounded bodies and retries of transient failures ({@link dev.fanout.jobs.images.http.ImageDownloader}), the bytes
 * of one source whether a URL or a file ({@link dev.fanout.jobs.images.http.ImageFetcher}), the galleries that
 * receive the resized images ({@link dev.fanout.jobs.images.http.Gallery}: an HTTP endpoint taking {@code PUT} or a
 * multipart {@code POST}, or a local directory beside it, since both keep the same contract and names,
 * {@link dev.fanout.jobs.images.http.GalleryName}), and {@link dev.fanout.jobs.images.http.ImageServer}, the local HTTP
 * server with chosen latencies and failures that the tests and the benchmark download from and upload to.
 * <p>
 * Thread safety: the downloader and galleries are shared by every worker thread and are immutable apart from the JDK's
 * thread-safe {@code HttpClient}; the server's shared state is in concurrent collections.
 */
package dev.fanout.jobs.images.http;
