package dev.fanout.batch;

/**
 * A picture a job writes into its output directory, which the dashboard shows on the execution's page when the file
 * is there.
 *
 * @param file the file's name in the output directory
 * @param caption what it shows, in a few words
 */
public record OutputPicture(String file, String caption) {

}
