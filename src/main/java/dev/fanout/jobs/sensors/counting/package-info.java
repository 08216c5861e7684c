/**
 * The light-sensor network of the {@code sensors} job and the book's counters of its readings, without Spring: the
 * simulated sensors whose reads block ({@link dev.fanout.jobs.sensors.counting.LightSensors},
 * {@link dev.fanout.jobs.sensors.counting.Reading}), the counters that differ only in how they guard their
 * read-modify-write ({@link dev.fanout.jobs.sensors.counting.CounterMode}: locked, atomic, adder, unsafe), the in-JVM
 * counters of running executions ({@link dev.fanout.jobs.sensors.counting.SharedCounters}) and the result line
 * ({@link dev.fanout.jobs.sensors.counting.CountResult}).
 * <p>
 * Each counter says what guards it; {@link dev.fanout.jobs.sensors.counting.UnsafeCounter} says that nothing does, on
 * purpose. The job's package on top wires them into partitioned chunk steps.
 */
package dev.fanout.jobs.sensors.counting;
