package dev.fanout.jobs.sensors.counting;

/**
 * One light-level sample.
 *
 * @param sensor the sensor (0-based), also its partition
 * @param sequence the reading's number on its sensor, from 1
 * @param lux the light level
 */
public record Reading(int sensor, long sequence, int lux) {

}
