package dev.fanout.jobs.images.http;

import java.io.IOException;

import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * Where resized images go. Implementations are thread-safe: one instance serves every worker thread. Uploading a
 * name twice replaces the first (names are deterministic, see {@link GalleryName}).
 */
public interface Gallery {

	/** Whether an image of that name is already there (a restart can skip it). */
	boolean contains(String name) throws IOException;

	void upload(String name, ResizedImage image) throws IOException;

	/** Where the gallery is, for messages and reports: a directory or a URL. */
	String location();

}
