/**
 * Life's cells and their rules, without Spring or files: the packed {@link dev.fanout.jobs.life.grid.Grid} (64 cells per
 * {@code long}), the bit-parallel {@link dev.fanout.jobs.life.grid.BitKernel} and the plain
 * {@link dev.fanout.jobs.life.grid.LifeRules} it is checked against, a {@link dev.fanout.jobs.life.grid.Pattern} and
 * its {@link dev.fanout.jobs.life.grid.Placement} on a torus, and the row bands a partition advances alone
 * ({@link dev.fanout.jobs.life.grid.BandStep}, with the {@link dev.fanout.jobs.life.grid.CheckpointPolicy} that picks how
 * many generations a band goes between checkpoints).
 * <p>
 * <b>Thread safety.</b> The kernel and rules are stateless; a grid is not thread-safe except for
 * {@link dev.fanout.jobs.life.grid.Grid#setAliveConcurrently}, an atomic update of a cell's word.
 */
package dev.fanout.jobs.life.grid;
