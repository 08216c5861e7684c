package dev.fanout.jobs.images;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.DataPaths;
import dev.fanout.core.DurationText;
import dev.fanout.core.WholeNumbers;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.http.HttpClients;
import dev.fanout.jobs.images.http.UploadMethod;

/**
 * The typed parameters of one {@code images} run.
 *
 * @param source a directory of images, or a text file of http(s) URLs (one per line)
 * @param targetDirectory the gallery directory, or {@code null} when the gallery is {@code targetUrl} or the default
 * @param targetUrl an HTTP gallery endpoint, or {@code null}
 * @param resizeLatency extra time each resize takes, standing in for slow work (benchmarks)
 * @param onExhausted what to do when a download's retries run out, or {@code null} when not given (then the setting
 * {@code fanout.images.on-exhausted} decides)
 */
record ImagesParameters(Path source, @Nullable Path targetDirectory, @Nullable URI targetUrl, UploadMethod upload,
		ResizeSettings resize, int downloadThreads, int resizeThreads, int uploadThreads, Duration resizeLatency,
		@Nullable OnExhausted onExhausted) {

	static final String DEFAULT_SOURCE = "images/in";

	static final int MAX_THREADS = 64;

	static final int MAX_SIZE = 10_000;

	static ImagesParameters from(JobParameters parameters, Path dataDir) {
		Path source = DataPaths.resolveInside(dataDir, "source", parameters.getString("source", DEFAULT_SOURCE));
		if (!Files.exists(source)) {
			throw new IllegalArgumentException(("source=%s: no such directory or URL list (a directory of images, or a "
					+ "text file of http(s) URLs, relative to the data directory)").formatted(source));
		}
		String target = parameters.getString("target");
		URI targetUrl = null;
		Path targetDirectory = null;
		if (target != null && target.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
			targetUrl = httpUrl("target", target);
		}
		else if (target != null) {
			targetDirectory = DataPaths.resolveInside(dataDir, "target", target);
		}
		ResizeSettings resize = new ResizeSettings(
				number("maxWidth", parameters.getString("maxWidth", "320"), 1, MAX_SIZE),
				number("maxHeight", parameters.getString("maxHeight", "240"), 1, MAX_SIZE),
				quality(parameters.getString("quality", "0.85")));
		return new ImagesParameters(source, targetDirectory, targetUrl, uploadMethod(parameters.getString("upload", "put")),
				resize, threads("downloadThreads", parameters, "3"), threads("resizeThreads", parameters, "4"),
				threads("uploadThreads", parameters, "5"),
				DurationText.parse("resizeLatency", parameters.getString("resizeLatency", "0")),
				onExhausted(parameters.getString(OnExhausted.PARAMETER)));
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

	private static int threads(String name, JobParameters parameters, String defaultValue) {
		return number(name, parameters.getString(name, defaultValue), 1, MAX_THREADS);
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

	private static int number(String name, String value, int min, int max) {
		return WholeNumbers.parse(name, value, min, max);
	}

}
