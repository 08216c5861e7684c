package dev.fanout.jobs.images;

import dev.fanout.jobs.images.http.ImageSource;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.ParameterValues;
import dev.fanout.core.DataPaths;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.http.HttpClients;
import dev.fanout.jobs.images.http.UploadMethod;

/**
 * The typed parameters of one {@code images} run, parsed once per launch ({@link ImagesJobDescription}).
 *
 * @param source a directory of images, or a text file of http(s) URLs (one per line)
 * @param targetDirectory the gallery directory, or {@code null} when the gallery is {@code targetUrl} or the default
 * @param targetUrl an HTTP gallery endpoint, or {@code null}
 * @param latencies the least time each stage takes per image, standing in for slow work (benchmarks)
 * @param onExhausted what to do when a download's retries run out, or {@code null} when not given (then the setting
 * {@code fanout.images.on-exhausted} decides)
 * @param sources the images a first launch listed, for the reader to save as the run's list; {@code null} when not
 * listed (a restart, which reads its saved list)
 */
record ImagesParameters(Path source, @Nullable Path targetDirectory, @Nullable URI targetUrl, UploadMethod upload,
		ResizeSettings resize, int downloadThreads, int resizeThreads, int uploadThreads, Latencies latencies,
		@Nullable OnExhausted onExhausted, @Nullable List<ImageSource> sources) {

	ImagesParameters {
		sources = (sources != null) ? List.copyOf(sources) : null;
	}

	static final String DEFAULT_SOURCE = "images/in";

	static final int MAX_THREADS = 64;

	static final int MAX_SIZE = 10_000;

	/** The longest latency of a stage, as sensors' and life's: more would only make the job look hung. */
	static final Duration MAX_LATENCY = Duration.ofSeconds(10);

	/** Parses and checks the values, defaults applied ({@link ImagesJobDescription} declares them); reads nothing. */
	static ImagesParameters parse(ParameterValues values, Path dataDir) {
		Path source = DataPaths.resolveInput(dataDir, values.required("source"));
		String target = values.get("target");
		URI targetUrl = null;
		Path targetDirectory = null;
		if (target != null && target.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
			targetUrl = httpUrl("target", target);
		}
		else if (target != null) {
			targetDirectory = DataPaths.resolveInside(dataDir, "target", target);
		}
		ResizeSettings resize = new ResizeSettings(values.whole("maxWidth", 1, MAX_SIZE),
				values.whole("maxHeight", 1, MAX_SIZE), quality(values.required("quality")));
		return new ImagesParameters(source, targetDirectory, targetUrl, uploadMethod(values.required("upload")), resize,
				values.whole("downloadThreads", 1, MAX_THREADS), values.whole("resizeThreads", 1, MAX_THREADS),
				values.whole("uploadThreads", 1, MAX_THREADS), new Latencies(latency(values, "downloadLatency"),
						latency(values, "resizeLatency"), latency(values, "uploadLatency")),
				onExhausted(values.get(OnExhausted.PARAMETER)), null);
	}

	/** A stage's latency, from 0 to {@link #MAX_LATENCY}. */
	private static Duration latency(ParameterValues values, String name) {
		return values.duration(name, MAX_LATENCY, "10ms");
	}

	/**
	 * These parameters with the source listed, as a first launch checks it: the source exists and lists images (every
	 * URL valid). A restart reads its saved list instead.
	 */
	ImagesParameters withSources(Path dataDir) throws IOException {
		if (!Files.exists(this.source)) {
			throw new IllegalArgumentException(("source=%s: no such directory or URL list (a directory of images, or a "
					+ "text file of http(s) URLs)").formatted(this.source));
		}
		return new ImagesParameters(this.source, this.targetDirectory, this.targetUrl, this.upload, this.resize,
				this.downloadThreads, this.resizeThreads, this.uploadThreads, this.latencies, this.onExhausted,
				SourceList.list(this.source, dataDir));
	}

	/** Refuses a gallery directory that is a file. */
	void checkTarget(Path dataDir) {
		if (this.targetDirectory != null && Files.exists(this.targetDirectory) && !Files.isDirectory(this.targetDirectory)) {
			throw new IllegalArgumentException("target=%s is a file; give a directory (or an http(s) URL) for the gallery"
				.formatted(dataDir.toAbsolutePath().normalize().relativize(this.targetDirectory)));
		}
	}

	/** An absolute http or https URL, or a clear error naming the parameter. */
	static URI httpUrl(String parameter, String value) {
		try {
			URI uri = new URI(value.trim());
			if (HttpClients.isHttp(uri)) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// fall through to the message below
		}
		throw new IllegalArgumentException("%s=%s is not an http(s) URL like http://host:8080/gallery"
			.formatted(parameter, value));
	}

	private static @Nullable OnExhausted onExhausted(@Nullable String value) {
		return (value != null) ? OnExhausted.parse(OnExhausted.PARAMETER, value) : null;
	}

	private static UploadMethod uploadMethod(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "put" -> UploadMethod.PUT;
			case "post" -> UploadMethod.POST;
			default -> throw new IllegalArgumentException(
					"upload=%s is not put (PUT <target>/<name>) or post (multipart POST to <target>)".formatted(value));
		};
	}

	private static float quality(String value) {
		try {
			float quality = Float.parseFloat(value.trim());
			if (quality > 0 && quality <= 1) {
				return quality;
			}
		}
		catch (NumberFormatException ex) {
			// fall through to the message below
		}
		throw new IllegalArgumentException("quality=%s is not a number above 0 and at most 1 (JPEG quality, e.g. 0.85)"
			.formatted(value));
	}

}
