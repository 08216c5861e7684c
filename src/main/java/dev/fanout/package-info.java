/**
 * The application: {@link dev.fanout.Main}, the entry point compiled for Java 8 that refuses an older JDK in one line
 * before any of Fanout's classes load; {@link dev.fanout.FanoutApplication}, which starts Spring Boot for one CLI
 * command (a web application for {@code serve} only) or runs the repository server without Spring; and
 * {@link dev.fanout.CommandLineAutoConfigurations}, which keeps what only {@code serve} needs out of every other
 * command's start; {@link dev.fanout.GeneratedContext}, which has a start use the context that the build generated
 * (Spring AOT) where the properties that decided its beans ({@link dev.fanout.ConditionInputs}, recorded by
 * {@link dev.fanout.ConditionInputsRecording}) are the same; {@link dev.fanout.FlightRecorderWarmUp}, which has a
 * command that launches jobs build the JDK's JFR metadata on another thread while its context starts.
 * <p>
 * The packages under it, from the surfaces down: {@code cli} and {@code web}; {@code launch}, {@code history},
 * {@code schedule}, {@code recovery}, {@code metrics} and {@code remote}; {@code repository}; the batch toolkit
 * {@code batch}; {@code core}. The jobs under {@code jobs} depend on {@code batch} and {@code core} only
 * ({@code ArchitectureTests}).
 */
package dev.fanout;
