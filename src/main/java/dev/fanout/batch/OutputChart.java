package dev.fanout.batch;

/**
 * A series a job writes into its output directory as CSV (a header line, then {@code x,y} rows of whole numbers),
 * which the dashboard draws as a line chart on the execution's page when the file is there.
 *
 * @param file the file's name in the output directory
 * @param caption what the chart shows, e.g. "Population per generation"
 * @param horizontal the unit of the horizontal axis, e.g. "generation"
 */
public record OutputChart(String file, String caption, String horizontal) {

}
