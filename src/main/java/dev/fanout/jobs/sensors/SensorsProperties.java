package dev.fanout.jobs.sensors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the {@code sensors} job ({@code fanout.sensors.*}).
 *
 * @param chunkSize readings a worker commits at once: a restart redoes at most one chunk per sensor, a stop request is
 * seen between chunks, and the shared counter receives a chunk's increments when it commits
 */
@ConfigurationProperties("fanout.sensors")
record SensorsProperties(@DefaultValue("1000") int chunkSize) {

}
