/**
 * {@code fanout bench factorize}: the job against a plain Java loop doing the same work (the same shares of the same
 * numbers on a fixed pool of as many threads, the same {@link dev.fanout.jobs.factorize.Factorizer}, the same CSV),
 * both timed as whole runs, warmed and repeated alike by {@link dev.fanout.batch.bench.Runs}, outputs compared.
 */
package dev.fanout.jobs.factorize.bench;
