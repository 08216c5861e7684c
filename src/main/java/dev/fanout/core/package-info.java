/**
 * What every other package uses and that knows nothing of Fanout's features: the failures a command reports and
 * their exit codes ({@link dev.fanout.core.CommandFailure}, {@link dev.fanout.core.ExitCodes}), a setting refused as
 * it is bound ({@link dev.fanout.core.InvalidSetting}), the data directory
 * and the paths under it ({@link dev.fanout.core.DataPaths}), files written whole or not at all
 * ({@link dev.fanout.core.AtomicFiles}), input text as the jobs read and quote it ({@link dev.fanout.core.InputText}),
 * units, durations and whole numbers as operators type them, scheduled tasks that one failed run does not end
 * ({@link dev.fanout.core.RepeatedTask}: the heartbeats), a failure's chain of causes
 * ({@link dev.fanout.core.Causes}), the secrets kept out of the processes Fanout starts
 * ({@link dev.fanout.core.SecretVariables}) and the ending of such a process with all it started
 * ({@link dev.fanout.core.ProcessTrees}), and the application-wide settings ({@code fanout.*},
 * {@code fanout.web.*}).
 * <p>
 * Nothing here imports another Fanout package: {@code ArchitectureTests} checks it.
 */
package dev.fanout.core;
