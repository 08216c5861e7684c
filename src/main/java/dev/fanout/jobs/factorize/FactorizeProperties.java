package dev.fanout.jobs.factorize;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Tuning of the {@code factorize} job ({@code fanout.factorize.*}). A worker's transaction ends at whichever limit
 * comes first, always after at least one number; a restart redoes at most one transaction's numbers per worker, and a
 * stop is seen between them.
 *
 * @param chunkSize at most this many numbers per transaction
 * @param commitInterval a transaction takes no further number once this much time has passed: cheap numbers share a
 * commit, a costly one commits alone ({@code 0}: every number alone). A second, as the sensors' commits: a
 * transaction's bookkeeping (its repository round trips and the code around them, cold after a long number) cost
 * 10-40 ms each on a 2-core VM, a tenth to a third of a worker's time at 100 ms (benchmarks.md)
 */
@ConfigurationProperties("fanout.factorize")
record FactorizeProperties(@DefaultValue("1000") int chunkSize, @DefaultValue("1s") Duration commitInterval) {

	FactorizeProperties {
		// Checked here, at start-up: the worker step is built at a run's first partition (step-scoped FactorizeShare).
		if (chunkSize < 1) {
			throw new InvalidSetting("fanout.factorize.chunk-size", chunkSize, "a whole number of 1 or more, e.g. 1000");
		}
		if (commitInterval.isNegative()) {
			throw new InvalidSetting("fanout.factorize.commit-interval", commitInterval,
					"a duration of 0s or more, e.g. 1s");
		}
	}

}
