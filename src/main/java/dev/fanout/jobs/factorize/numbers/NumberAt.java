package dev.fanout.jobs.factorize.numbers;

/** A number to factorize and its position in the input (0-based), which orders the output. */
public record NumberAt(int position, long number) {

}
