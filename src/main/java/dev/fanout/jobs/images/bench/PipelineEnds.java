package dev.fanout.jobs.images.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.fanout.jobs.images.Latencies;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.DirectoryGallery;

/**
 * Where the reference pipeline ({@link QueuePipeline}) gets its images and puts the results: the same ends as the
 * job's in each part of the bench. Thread-safe: every stage thread calls them at once.
 */
interface PipelineEnds extends AutoCloseable {

	int size();

	byte[] download(int index) throws Exception;

	void upload(String name, ResizedImage image) throws Exception;

	@Override
	default void close() {
	}

	/**
	 * Part (b)'s ends: GET each URL, PUT each result under the gallery; two HTTP/1.1 clients, one for downloads and
	 * one for uploads, as the job has (thread-safe, closed with the ends).
	 */
	static PipelineEnds http(List<URI> sources, URI gallery) {
		HttpClient downloads = client();
		HttpClient uploads = client();
		return new PipelineEnds() {

			@Override
			public int size() {
				return sources.size();
			}

			@Override
			public byte[] download(int index) throws Exception {
				return send(downloads, HttpRequest.newBuilder(sources.get(index)).GET().build());
			}

			@Override
			public void upload(String name, ResizedImage image) throws Exception {
				send(uploads, HttpRequest.newBuilder(URI.create(gallery + "/" + name))
					.header("Content-Type", "image/png")
					.PUT(HttpRequest.BodyPublishers.ofByteArray(image.bytes()))
					.build());
			}

			@Override
			public void close() {
				downloads.close();
				uploads.close();
			}

		};
	}

	/**
	 * Part (a)'s ends, the book's model: a download reads a local file, an upload puts the image into the job's own
	 * kind of gallery (temporary file, forced, moved), each taking at least {@code latency}, as the job's stages do.
	 */
	static PipelineEnds local(List<Path> sources, DirectoryGallery gallery, Duration latency) {
		return new PipelineEnds() {

			@Override
			public int size() {
				return sources.size();
			}

			@Override
			public byte[] download(int index) throws Exception {
				return Latencies.atLeast(latency, () -> Files.readAllBytes(sources.get(index)));
			}

			@Override
			public void upload(String name, ResizedImage image) throws Exception {
				Latencies.atLeast(latency, () -> {
					gallery.upload(name, image);
					return null;
				});
			}

		};
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private static byte[] send(HttpClient client, HttpRequest request) throws Exception {
		HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() / 100 != 2) {
			throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode());
		}
		return response.body();
	}

}
