package dev.fanout.jobs.images;

import org.jspecify.annotations.Nullable;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.http.ImageSource;

/**
 * What happened to one image: a line of the run's report.
 *
 * @param name the gallery name, or {@code null} when skipped
 * @param size the size in the gallery, or {@code null} when skipped
 * @param reason why it was skipped, or {@code null}
 */
record ImageOutcome(int index, String source, Status status, @Nullable String name, @Nullable Dimensions size,
		@Nullable String reason) {

	enum Status {

		/** Resized and uploaded by this run. */
		UPLOADED,

		/** Already in the gallery, uploaded by an earlier attempt of the same instance. */
		PRESENT,

		/** Not usable; {@code reason} says why. */
		SKIPPED

	}

	static ImageOutcome uploaded(ImageSource source, String name, Dimensions size) {
		return new ImageOutcome(source.index(), source.location(), Status.UPLOADED, name, size, null);
	}

	static ImageOutcome present(ImageSource source, String name, Dimensions size) {
		return new ImageOutcome(source.index(), source.location(), Status.PRESENT, name, size, null);
	}

	static ImageOutcome skipped(ImageSource source, String reason) {
		return new ImageOutcome(source.index(), source.location(), Status.SKIPPED, null, null, reason);
	}

}
