/**
 * Fanout's meters on every step of every job ({@code fanout_items_total}, {@code fanout_partitions_active}...) and the
 * {@code fanout} health component, exposed by {@code serve}'s actuator.
 */
package dev.fanout.metrics;
