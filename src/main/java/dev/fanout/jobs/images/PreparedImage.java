package dev.fanout.jobs.images;

import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * An image downloaded, resized and named, ready to upload: what the resize stage hands the upload stage.
 *
 * @param name its gallery name (from its source's content and the resized image's size and format)
 */
record PreparedImage(String name, ResizedImage resized) {

}
