/**
 * The {@code chapter} job: the book chapter's items — openssl (52), factorize (53), sensors (54), images (55) and
 * life (56) — as the steps of one job. Each step is a job step that runs the item's own job with its defaults (the
 * sample data), so every item also appears in the history as an execution of its own with its outputs; the steps run
 * side by side in a split, as they share nothing. A failed item fails the chapter with that item's message, and a
 * restart of the chapter restarts only the items that did not complete, each from where it stopped. The items'
 * parameters are recorded in the chapter's execution context by its first execution ({@code ItemParameters}) and
 * reused by every restart, so a default that follows the processor count cannot make a restart start new instances.
 */
package dev.fanout.jobs.chapter;
