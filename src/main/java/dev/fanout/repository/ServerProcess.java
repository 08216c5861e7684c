package dev.fanout.repository;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a client starts a repository server: the JVM and classpath of the client itself, so the server is the same
 * Fanout build, detached from the client's terminal session (setsid) and writing to its own log file.
 *
 * @param idleTimeout how long the server stays up without clients
 * @param maxHeap the server's {@code -Xmx}, e.g. {@code 256m}
 */
public record ServerProcess(Duration idleTimeout, String maxHeap) {

	/** The application's entry point, which hands {@link RepositoryServer#COMMAND} to the server. */
	private static final String APPLICATION = "dev.fanout.FanoutApplication";

	/** The entry point of a Spring Boot executable jar, whose classes are nested in it. */
	private static final String BOOT_JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	Process start(RepositoryFiles files) throws IOException {
		Files.createDirectories(files.serverLog().getParent());
		return new ProcessBuilder(command(files)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(files.serverLog().toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
	}

	List<String> command(RepositoryFiles files) {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			// A child of the JVM is never a process-group leader, so setsid execs java itself: same pid.
			command.add(SETSID.toString());
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// C1 only: its work is short statements, and C2's compiling at start-up competed with the starting command
		// for the two cores (a cold `history` took 0.5-1.5 s longer with it, bench life no faster).
		command.addAll(List.of("-Xmx" + this.maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass()));
		command.addAll(List.of(RepositoryServer.COMMAND, files.directory().toString(), this.idleTimeout.toString()));
		return command;
	}

	/** The class to run: this client's own classpath has the application's classes, or a Boot jar that nests them. */
	private static String mainClass() {
		ClassLoader loader = ServerProcess.class.getClassLoader();
		return (loader != null && loader.getClass().getName().startsWith("org.springframework.boot.loader"))
				? BOOT_JAR_LAUNCHER : APPLICATION;
	}

}
