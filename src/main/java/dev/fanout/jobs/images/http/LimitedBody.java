package dev.fanout.jobs.images.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body collected up to a limit: past it, the subscription is cancelled (the client drops the connection)
 * and the body fails with {@link TooLarge}, so an endless or huge body costs at most the limit in memory. Counts
 * what arrives in a shared {@code progress} counter, which the waiting thread watches for the read timeout.
 * <p>
 * Thread safety: the HTTP client calls onSubscribe, onNext, onError and onComplete one at a time (Flow's rule), so
 * the buffer and flag need no lock; {@link #cancel(IOException)} comes from another thread and only touches the
 * volatile subscription and the result, a CompletableFuture.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

	/** The body is larger than the limit (declared or received). */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("body larger than the limit", null);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this; // an expected outcome: no stack trace
		}

	}

	private final long maxBytes;

	private final boolean declaredTooLarge;

	private final AtomicLong progress;

	private final CompletableFuture<byte[]> result = new CompletableFuture<>();

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private volatile Flow.Subscription subscription;

	private boolean done;

	/** {@code declaredTooLarge}: the Content-Length already says too large, so nothing is read at all. */
	LimitedBody(long maxBytes, boolean declaredTooLarge, AtomicLong progress) {
		this.maxBytes = maxBytes;
		this.declaredTooLarge = declaredTooLarge;
		this.progress = progress;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.declaredTooLarge) {
			fail(new TooLarge());
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.done) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			int length = buffer.remaining();
			if (this.received.size() + (long) length > this.maxBytes) {
				fail(new TooLarge());
				return;
			}
			byte[] bytes = new byte[length];
			buffer.get(bytes);
			this.received.writeBytes(bytes);
			this.progress.addAndGet(length);
		}
	}

	@Override
	public void onError(Throwable throwable) {
		this.done = true;
		this.result.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.done = true;
		this.result.complete(this.received.toByteArray());
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.result;
	}

	/** Stops the transfer from another thread (a read timeout); the body fails with the given reason. */
	void cancel(IOException reason) {
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
		this.result.completeExceptionally(reason);
	}

	private void fail(IOException reason) {
		this.done = true;
		this.received.reset();
		this.subscription.cancel();
		this.result.completeExceptionally(reason);
	}

}
