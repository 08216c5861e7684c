/**
 * Image decoding and encoding for the {@code images} job, without Spring: the formats read and written
 * ({@link dev.fanout.jobs.images.codec.ImageFormat}, sniffed from the bytes), ImageIO with TwelveMonkeys' JPEG plugin
 * ({@link dev.fanout.jobs.images.codec.ImageCodecs}), the resize itself with its size checks before decoding,
 * subsampled decoding and decoder warnings ({@link dev.fanout.jobs.images.codec.ImageResizer}), the EXIF orientation
 * read from a JPEG's segments and applied to the output ({@link dev.fanout.jobs.images.codec.ExifOrientation},
 * {@link dev.fanout.jobs.images.codec.Orientations}), and the memory budget of decoded pixels shared by every resize
 * ({@link dev.fanout.jobs.images.codec.ResizeMemory}).
 * <p>
 * A problem with one image is an {@link dev.fanout.jobs.images.codec.ImageRejectedException} with a short reason: the
 * job skips the image and reports why. Everything here is stateless or says what guards it.
 */
package dev.fanout.jobs.images.codec;
