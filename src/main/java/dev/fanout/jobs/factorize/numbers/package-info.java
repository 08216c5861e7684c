/**
 * The numbers of the {@code factorize} job, without Spring: how divisors are found
 * ({@link dev.fanout.jobs.factorize.numbers.Factorizer}, {@link dev.fanout.jobs.factorize.numbers.Algorithm}), how the
 * input is parsed ({@link dev.fanout.jobs.factorize.numbers.NumberList}), and how it is split into shares of about
 * equal work ({@link dev.fanout.jobs.factorize.numbers.WorkShares}).
 * <p>
 * The job's package on top wires these into steps; the benchmark's plain loop uses them directly, so both factorize
 * with the same code. Everything here is stateless or immutable.
 */
package dev.fanout.jobs.factorize.numbers;
