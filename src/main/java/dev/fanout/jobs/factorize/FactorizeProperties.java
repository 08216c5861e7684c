package dev.fanout.jobs.factorize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the {@code factorize} job ({@code fanout.factorize.*}).
 *
 * @param chunkSize numbers a worker factorizes per transaction: a restart redoes at most one chunk per worker, and a
 * stop request is seen between chunks
 */
@ConfigurationProperties("fanout.factorize")
record FactorizeProperties(@DefaultValue("10") int chunkSize) {

}
