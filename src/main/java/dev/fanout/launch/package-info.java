/**
 * The one launch path that every launch takes, from the CLI, the API, the dashboard and the scheduler
 * ({@link dev.fanout.launch.Launcher}): parameters checked against the job's description, the job instance claimed
 * for this process before its execution exists, conflicts worded for the operator. Also the actions on executions
 * (stop, restart, recover, abandon: {@link dev.fanout.launch.ExecutionActions}) and the one set of rules that allows
 * or refuses them for the CLI, the API and the dashboard ({@link dev.fanout.launch.ExecutionRules}), the stop of
 * nested executions, {@code serve}'s background launches, and an execution's progress as the repository has it
 * ({@link dev.fanout.launch.ExecutionProgress}, for the CLI and the dashboard).
 */
package dev.fanout.launch;
