/**
 * The read side of the job repository: executions with their steps, owners and durations, filtered and paged
 * ({@link dev.fanout.history.ExecutionHistory}), for {@code history}, {@code show}, the API and the dashboard; and
 * pruning of old instances ({@code fanout prune}), which keeps what a restart needs.
 */
package dev.fanout.history;
