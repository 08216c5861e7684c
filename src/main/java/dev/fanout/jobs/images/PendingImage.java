package dev.fanout.jobs.images;

import java.util.concurrent.Future;

import dev.fanout.jobs.images.http.ImageSource;

/**
 * An image handed to the pipeline with its download and resize already under way (or done).
 *
 * @param prepared the image resized and named, or the download's or the resize's failure
 * @param mayBeInGallery an earlier attempt of this instance may have uploaded it already: look before uploading
 */
record PendingImage(ImageSource source, Future<PreparedImage> prepared, boolean mayBeInGallery) {

}
