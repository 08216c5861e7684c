/**
 * Pictures of life grids, without Spring: PNGs of one generation and an animated GIF of the first ones
 * ({@link dev.fanout.jobs.life.picture.GridImages}, {@link dev.fanout.jobs.life.picture.GifAnimation}), cropped to the
 * live cells of a sparse grid ({@link dev.fanout.jobs.life.picture.LiveClusters}). Depends on {@code grid} only;
 * the same grids always give the same bytes.
 */
package dev.fanout.jobs.life.picture;
