package dev.fanout.jobs.images.http;

import java.net.URI;
import java.nio.file.Path;

/**
 * One image to process: its position in the run's source list and where it comes from.
 *
 * @param location an absolute file path, or an http(s) URL
 */
public record ImageSource(int index, String location) {

	boolean remote() {
		return this.location.startsWith("http://") || this.location.startsWith("https://");
	}

	URI uri() {
		return URI.create(this.location);
	}

	Path path() {
		return Path.of(this.location);
	}

}
