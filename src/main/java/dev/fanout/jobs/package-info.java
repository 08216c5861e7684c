/**
 * The jobs, one package each: the chapter's concurrency recipes as Spring Batch jobs. A job's package holds its
 * configuration, parameters, description and steps; its Spring-free domain lives in a subpackage. Jobs depend only
 * on {@code batch} and {@code core}, and no platform package depends on a job.
 */
package dev.fanout.jobs;
