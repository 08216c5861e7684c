/**
 * The command line: picocli's root ({@link dev.fanout.cli.FanoutCommand}) and every command ({@code run},
 * {@code restart}, {@code stop}, {@code history}, {@code serve}, {@code bench}...), the live progress line of a run
 * in a terminal, and the report printed when a run ends. Commands are prototype beans created per invocation; they
 * parse the command line and call the launch, history, schedule and recovery packages, which do the work.
 * {@code bench}'s subcommands are the jobs' {@link dev.fanout.batch.JobBenchmark} beans, and {@code bench all}
 * ({@link dev.fanout.cli.BenchAllCommand}), which runs them all and writes one report. What goes wrong is one line:
 * a command-line mistake ({@link dev.fanout.cli.CommandLineMistakes}), a start that fails
 * ({@link dev.fanout.cli.StartFailures}: a setting, the repository out of reach), a repository lost during a run.
 */
package dev.fanout.cli;
