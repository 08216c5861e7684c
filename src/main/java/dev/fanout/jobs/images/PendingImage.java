package dev.fanout.jobs.images;

import java.util.concurrent.Future;

import dev.fanout.jobs.images.http.ImageSource;

/**
 * An image handed to the chunk with its pipeline (download, resize, upload) already under way, or done.
 *
 * @param outcome what the pipeline did with it, or the failure of its download, resize or upload
 */
record PendingImage(ImageSource source, Future<ImageOutcome> outcome) {

}
