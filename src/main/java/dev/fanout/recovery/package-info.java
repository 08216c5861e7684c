/**
 * Dead-execution detection: owner records of running executions ({@code FANOUT_EXECUTION_OWNER}), claimed per job
 * instance before a launch creates its execution ({@link dev.fanout.recovery.ExecutionClaims}), kept fresh by one
 * heartbeat thread ({@link dev.fanout.recovery.Heartbeat}), and the orphan verdict and recovery used by
 * {@code history}, {@code show}, {@code recover} and the launch path ({@link dev.fanout.recovery.Orphans}).
 */
package dev.fanout.recovery;
