/**
 * {@code fanout bench sensors}: the job once per counter mode on the same workload, warmed and repeated alike
 * (modes alternating), the counting step's time of each against {@code counter=partitioned}'s, every mode's count
 * checked against the expected one (only {@code unsafe} may lose updates).
 */
package dev.fanout.jobs.sensors.bench;
