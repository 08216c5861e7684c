package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fanout.core.Causes;
import dev.fanout.core.Units;
import dev.fanout.jobs.images.codec.ImageRejectedException;

/**
 * Downloads source images over http(s). A permanent problem with the item (HTTP 404, 410, another 4xx, a body over
 * the size limit, not an http URL) is an {@link ImageRejectedException}: the job skips it. A transient one (timeouts,
 * refused or reset connections, a body cut short, 5xx, 408, 429) is retried with exponential backoff and, when the
 * attempts run out, becomes a {@link DownloadFailedException}: the job fails and a restart tries again (or, with
 * {@code onExhausted=skip}, the pipeline skips the image).
 * <p>
 * The read timeout is an idle timeout: a download fails when nothing (headers or body bytes) arrived for about that
 * long, however long the whole transfer takes. Thread-safe: immutable apart from the shared, thread-safe
 * {@link HttpClient}, created on the first download under this object's lock; every download has its own body and
 * progress counter.
 */
public final class ImageDownloader implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ImageDownloader.class);

	private final HttpSettings settings;

	/**
	 * Created by the first download: a run whose images are local files needs none, and creating one sets up TLS
	 * (~0.1 s of a run's start). Guarded by this object's lock, as is {@link #closed}.
	 */
	private @Nullable HttpClient client;

	private boolean closed;

	public ImageDownloader(HttpSettings settings) {
		this.settings = settings;
	}

	/** The body of a 2xx answer to GET {@code uri}, at most {@link HttpSettings#maxBytes()} long. */
	public byte[] download(URI uri) throws ImageRejectedException {
		if (!HttpClients.isHttp(uri)) {
			throw new ImageRejectedException("not an http or https URL: " + uri);
		}
		String failure = null;
		IOException cause = null;
		for (int attempt = 1; attempt <= this.settings.attempts(); attempt++) {
			if (attempt > 1 && !Transience.pause(this.settings, attempt)) {
				throw new DownloadFailedException("download of %s: interrupted".formatted(uri), cause);
			}
			HttpResponse<byte[]> response;
			try {
				response = fetch(uri);
			}
			catch (IOException ex) {
				if (Thread.currentThread().isInterrupted()) { // set again by await: the job is stopping
					throw new DownloadFailedException("download of %s: interrupted".formatted(uri), ex);
				}
				failure = Transience.describe(ex);
				cause = ex;
				logger.debug("Download of {}: {} (attempt {} of {})", uri, failure, attempt, this.settings.attempts());
				continue;
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return response.body();
			}
			if (!Transience.isTransient(status)) {
				throw new ImageRejectedException(Responses.describe(status));
			}
			failure = Responses.describe(status);
			cause = null;
			logger.debug("Download of {}: {} (attempt {} of {})", uri, failure, attempt, this.settings.attempts());
		}
		throw new DownloadFailedException(
				"download of %s: %s after %d attempts".formatted(uri, failure, this.settings.attempts()), cause, true);
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.client != null) {
			this.client.close();
		}
	}

	private synchronized HttpClient client() {
		if (this.closed) {
			throw new IllegalStateException("the downloader is closed");
		}
		if (this.client == null) {
			this.client = HttpClients.create(this.settings);
		}
		return this.client;
	}

	private HttpResponse<byte[]> fetch(URI uri) throws IOException, ImageRejectedException {
		AtomicLong progress = new AtomicLong();
		// Set by the client's thread when the headers arrive, read by this one to cancel on a timeout.
		AtomicReference<LimitedBody> body = new AtomicReference<>();
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(this.settings.readTimeout()).GET().build();
		CompletableFuture<HttpResponse<byte[]>> response = client().sendAsync(request, (info) -> {
			progress.incrementAndGet(); // the headers are progress too
			if (info.statusCode() < 200 || info.statusCode() >= 300) {
				return HttpResponse.BodySubscribers.replacing(null); // an error page: not kept
			}
			long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
			LimitedBody limited = new LimitedBody(this.settings.maxBytes(), declared > this.settings.maxBytes(),
					progress);
			body.set(limited);
			return limited;
		});
		try {
			return await(response, progress, body);
		}
		catch (LimitedBody.TooLarge ex) {
			throw new ImageRejectedException(
					"larger than the %s limit".formatted(Units.bytes(this.settings.maxBytes())));
		}
	}

	/** Waits for the response while something arrives at least once per read timeout. */
	private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> response, AtomicLong progress,
			AtomicReference<LimitedBody> body) throws IOException {
		long timeout = this.settings.readTimeout().toNanos();
		long seen = 0;
		while (true) {
			try {
				return response.get(timeout, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				long now = progress.get();
				if (now == seen) {
					HttpTimeoutException idle = new HttpTimeoutException(
							"nothing received for " + this.settings.readTimeout().toMillis() + " ms");
					abort(response, body, idle);
					throw idle;
				}
				seen = now;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				InterruptedIOException interrupted = new InterruptedIOException("interrupted");
				abort(response, body, interrupted);
				throw interrupted;
			}
			catch (ExecutionException ex) {
				throw unwrap(ex.getCause());
			}
		}
	}

	private static void abort(CompletableFuture<?> response, AtomicReference<LimitedBody> body, IOException reason) {
		LimitedBody started = body.get();
		if (started != null) {
			started.cancel(reason);
		}
		response.cancel(true);
	}

	/** The IOException behind a failed exchange: ours (TooLarge) if it is in the chain. */
	private static IOException unwrap(Throwable failure) {
		LimitedBody.TooLarge tooLarge = Causes.find(failure, LimitedBody.TooLarge.class).orElse(null);
		if (tooLarge != null) {
			return tooLarge;
		}
		if (failure instanceof IOException io) {
			return io;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new IOException(failure);
	}

}
