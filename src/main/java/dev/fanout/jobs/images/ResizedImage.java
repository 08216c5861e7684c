package dev.fanout.jobs.images;

/** An encoded, resized image; the array is not copied, and nobody changes it after creation. */
public record ResizedImage(byte[] bytes, ImageFormat format, Dimensions size) {

}
