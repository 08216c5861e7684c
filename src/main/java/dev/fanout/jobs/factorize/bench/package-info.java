/**
 * {@code fanout bench factorize}: the job against a plain Java loop doing the same work, written in the bench apart
 * from the job's code ({@link dev.fanout.jobs.factorize.bench.PlainFactorizeLoop}: 32-bit division where a number
 * fits, a shared counter over the numbers largest first, the job's CSV), both timed as whole runs, warmed and repeated
 * alike by {@link dev.fanout.batch.bench.Runs}, outputs compared byte for byte.
 */
package dev.fanout.jobs.factorize.bench;
