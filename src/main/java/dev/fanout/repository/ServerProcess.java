package dev.fanout.repository;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.SecretVariables;

/**
 * How a client starts a repository server: the JVM and classpath of the client itself, so the server is the same
 * Fanout build, detached from the client's terminal session (setsid) and writing to its own log file.
 *
 * @param idleTimeout how long the server stays up without clients
 * @param stopGrace how long the server, sent SIGTERM, goes on serving the clients it has before it closes the database
 * @param maxHeap the server's {@code -Xmx}, e.g. {@code 256m}
 */
public record ServerProcess(Duration idleTimeout, Duration stopGrace, String maxHeap) {

	/** Longer than a client's own graceful stop ({@code fanout.shutdown.timeout}, 30 s by default). */
	public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(60);

	/** A server with the default stop grace. */
	public ServerProcess(Duration idleTimeout, String maxHeap) {
		this(idleTimeout, DEFAULT_STOP_GRACE, maxHeap);
	}

	/** The entry point of a Spring Boot executable jar, whose classes are nested in it. */
	private static final String BOOT_JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	/** The server's class archive (CDS), beside the application's jar. */
	static final String ARCHIVE = "repository-server.jsa";

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final Path SHELL = Path.of("/bin/sh");

	/**
	 * The shell's script: the command (its arguments after the log's path) in the background, appending its output to
	 * the log, reading nothing; then the command's pid on the shell's output. Every word comes as an argument, none is
	 * parsed by the shell.
	 */
	private static final String IN_BACKGROUND = "log=$1; shift; \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!";

	/**
	 * Past this size the server log is moved aside to {@code repository-server.log.1} (replacing the one before) when
	 * the next server starts: every start appends to it, and on a schedule a server starts after every idle pause.
	 */
	static final long LOG_LIMIT = 1024 * 1024;

	/**
	 * Starts a server; called under the start lock, so no other client starts one (or moves the log) meanwhile.
	 * Returns the server's pid. The server is not this JVM's child: a shell starts it in the background and exits,
	 * printing its pid. A JVM that exits waits up to 0.3 s for its threads blocked in native code, and the thread that
	 * waits for a child process to end is one for as long as the child runs: every command that started a server
	 * took ~0.35 s longer to exit (a cold {@code run factorize}: its output at 1.12 s, its exit at 1.44 s).
	 */
	long start(RepositoryFiles files) throws IOException {
		Path log = files.serverLog();
		Files.createDirectories(log.getParent());
		if (Files.exists(log) && Files.size(log) > LOG_LIMIT) {
			// A server that is still stopping keeps writing to the file it opened, under its new name.
			Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
		Process shell = builder(files).start();
		String pid;
		try (InputStream printed = shell.getInputStream()) {
			// The shell's own output is its pid alone: the server's goes to the log.
			pid = new String(printed.readNBytes(64), StandardCharsets.US_ASCII).strip();
			shell.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while starting the repository server", ex);
		}
		if (!pid.matches("[0-9]{1,10}")) {
			throw new IOException("%s did not start it (it printed '%s', exit %s)".formatted(SHELL, pid,
					shell.isAlive() ? "none yet" : Integer.toString(shell.exitValue())));
		}
		return Long.parseLong(pid);
	}

	ProcessBuilder builder(RepositoryFiles files) {
		List<String> command = new ArrayList<>(List.of(SHELL.toString(), "-c", IN_BACKGROUND, "sh",
				files.serverLog().toString()));
		command.addAll(command(files));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// The server reads only its own files, and outlives the client that starts it (detached, until its idle
		// timeout): the operator's, the datasource's and the broker's passwords must not stay in its environ.
		SecretVariables.removeFrom(builder.environment());
		return builder;
	}

	List<String> command(RepositoryFiles files) {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			// A background job of a shell without job control is never a process-group leader, so setsid execs java
			// itself: the pid the shell prints is the server's.
			command.add(SETSID.toString());
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		// C1 only: its work is short statements, and C2's compiling at start-up competed with the starting command
		// for the two cores (a cold `history` took 0.5-1.5 s longer with it, bench life no faster).
		command.addAll(List.of("-Xmx" + this.maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
				"-XX:TieredStopAtLevel=1"));
		String classPath = System.getProperty("java.class.path");
		Path archive = sharedArchive(classPath);
		if (archive != null) {
			// The classes a server loads (H2's, mostly), archived by its first run as it exits, and mapped by every
			// later one instead of being loaded and verified again: its start took ~40% less CPU.
			command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive",
					"-Xlog:cds*=off"));
		}
		command.addAll(List.of("-cp", classPath, mainClass()));
		command.addAll(List.of(RepositoryServer.COMMAND, files.directory().toString(), this.idleTimeout.toString(),
				this.stopGrace.toString()));
		return command;
	}

	/** The class to run: this client's own classpath has the application's classes, or a Boot jar that nests them. */
	private static String mainClass() {
		return bootJar() ? BOOT_JAR_LAUNCHER : RepositoryServer.class.getName();
	}

	private static boolean bootJar() {
		ClassLoader loader = ServerProcess.class.getClassLoader();
		return loader != null && loader.getClass().getName().startsWith("org.springframework.boot.loader");
	}

	/**
	 * Where the server's class archive lives: beside the application's jar when the classes come from one plain jar
	 * (target/fanout's extracted jar, whose manifest lists its libraries), on a JDK that creates archives by itself
	 * (19+). None for a Boot jar, whose nested classes the JDK cannot archive, or a directory of classes (tests).
	 */
	static @Nullable Path sharedArchive(String classPath) {
		if (bootJar() || Runtime.version().feature() < 19 || classPath.contains(File.pathSeparator)
				|| !classPath.endsWith(".jar")) {
			return null;
		}
		Path directory = Path.of(classPath).toAbsolutePath().getParent();
		return (directory != null && Files.isWritable(directory)) ? directory.resolve(ARCHIVE) : null;
	}

}
