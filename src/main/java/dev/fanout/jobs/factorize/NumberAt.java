package dev.fanout.jobs.factorize;

/** A number to factorize and its position in the input (0-based), which orders the output. */
record NumberAt(int position, long number) {

}
