/**
 * Deterministic sample pictures for the {@code images} job's tests and benchmark, without Spring: the same arguments
 * give the same bytes. {@link dev.fanout.jobs.images.samples.SampleImages} encodes them (JPEG, PNG, with chosen EXIF
 * orientations and colour spaces); {@link dev.fanout.jobs.images.samples.Scene} paints them pixel by pixel with
 * integer arithmetic (a landscape with a label in a 5×7 pixel font), so that they do not depend on the JDK's renderer.
 */
package dev.fanout.jobs.images.samples;
