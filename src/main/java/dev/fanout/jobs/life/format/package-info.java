/**
 * Life's files as text and bytes, without Spring: patterns read from RLE, LifeWiki {@code .cells} and the book's plain
 * text ({@link dev.fanout.jobs.life.format.PatternReader}), the final grid written as RLE
 * ({@link dev.fanout.jobs.life.format.RleWriter}), the checkpoint and band files
 * ({@link dev.fanout.jobs.life.format.GridFile}, written atomically) and the book's side-by-side text view
 * ({@link dev.fanout.jobs.life.format.ColumnPrinter}). Depends on {@code grid} only.
 */
package dev.fanout.jobs.life.format;
