package dev.fanout.jobs.life.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;

import dev.fanout.batch.bench.ChildProcess;
import dev.fanout.core.SecretVariables;

/**
 * {@code fanout run JOB ... --new} in a new JVM started as this one was: the same java, JVM options (JIT mode, AOT
 * cache), jar or classpath, {@code --spring.*} and {@code --fanout.*} arguments and environment, on this process's
 * data directory, so against the same repository server. Its execution is then read back from the repository: its
 * start and end there are what a user's run is timed by, without the JVM's own start.
 */
final class FreshProcessRun {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private static final Pattern EXECUTION = Pattern.compile("^Execution (\\d+) (\\w+) in ", Pattern.MULTILINE);

	private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=]+)=.*", Pattern.DOTALL);

	private final ApplicationArguments arguments;

	private final Path dataDir;

	private final JobRepository repository;

	/** The application's main class: where its classes come from, and what to run when not a jar of them. */
	private final Class<?> application;

	FreshProcessRun(ApplicationArguments arguments, Path dataDir, JobRepository repository, Class<?> application) {
		this.arguments = arguments;
		this.dataDir = dataDir.toAbsolutePath();
		this.repository = repository;
		this.application = application;
	}

	/** How the process is started, for the bench's inputs: {@code java [JVM options] -jar fanout.jar}. */
	String describe() {
		return describe(start());
	}

	/**
	 * A start command as the bench's report shows it. The value of a {@code -D} option that names a secret
	 * ({@code -Dspring.datasource.password=...}) is hidden: the report is a file that is kept and shared, and the
	 * option is still passed to the process.
	 */
	static String describe(List<String> command) {
		List<String> start = new ArrayList<>(command);
		int classPath = start.indexOf("-cp");
		if (classPath >= 0) {
			start.set(classPath + 1, "(this JVM's classpath)");
		}
		start.replaceAll((option) -> {
			Matcher property = SYSTEM_PROPERTY.matcher(option);
			return (property.matches() && SecretVariables.isSecret(property.group(1)))
					? "-D" + property.group(1) + "=" + SecretVariables.HIDDEN : option;
		});
		return String.join(" ", start);
	}

	/**
	 * Runs the job to its end in a new process.
	 *
	 * @return its execution, as the repository holds it
	 * @throws IllegalStateException if the process failed, or the run did not complete
	 */
	JobExecution run(String job, List<String> parameters) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(start());
		Arrays.stream(this.arguments.getSourceArgs())
			.filter((arg) -> arg.startsWith("--spring.") || arg.startsWith("--fanout."))
			.filter((arg) -> !arg.startsWith("--fanout.data-dir"))
			.forEach(command::add);
		command.add("--fanout.data-dir=" + this.dataDir);
		command.addAll(List.of("run", job, "--new"));
		command.addAll(parameters);
		return this.repository.getJobExecution(completedExecution(command, job, TIMEOUT));
	}

	/**
	 * Runs {@code command}, a {@code run job} that prints its execution, to its end.
	 *
	 * @return the id of the execution it printed as COMPLETED
	 * @throws IllegalStateException if it failed, printed no completed execution, or ran longer than {@code timeout}
	 * @throws InterruptedException if the wait was interrupted: the process has been ended then, with its children
	 */
	static long completedExecution(List<String> command, String job, Duration timeout)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile("fanout-fresh-run-", ".out");
		// Closed on every way out: a process still running (timed out, the wait interrupted) is ended, the
		// processes it started with it, so that no JVM outlives the bench.
		try (ChildProcess process = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())))) {
			if (!process.await(timeout)) {
				throw new IllegalStateException("a fresh `run %s` did not end within %s".formatted(job, timeout));
			}
			String printed = Files.readString(output);
			Matcher execution = EXECUTION.matcher(printed);
			if (process.exitValue() != 0 || !execution.find() || !execution.group(2).equals("COMPLETED")) {
				throw new IllegalStateException("a fresh `run %s` exited %d: %s".formatted(job, process.exitValue(),
						printed.strip()));
			}
			return Long.parseLong(execution.group(1));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** This JVM's java, its options and its jar (or its classpath and the application's main class). */
	private List<String> start() {
		List<String> start = new ArrayList<>();
		start.add(ProcessHandle.current().info().command().orElse("java"));
		start.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		String launched = System.getProperty("sun.java.command", "").split(" ")[0];
		if (launched.endsWith(".jar") && startsApplication(launched)) {
			start.addAll(List.of("-jar", launched));
		}
		else {
			// Not whatever this JVM was started with: a test runner's jar or class would not run Fanout.
			start.addAll(List.of("-cp", System.getProperty("java.class.path"), this.application.getName()));
		}
		return start;
	}

	/**
	 * Whether the application's classes come from this jar: the Boot jar that nests them, or target/fanout's extracted
	 * jar (not, say, a test runner's booter jar).
	 */
	private boolean startsApplication(String jar) {
		CodeSource source = this.application.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return false;
		}
		String location = source.getLocation().toString();
		Path path = Path.of(jar).toAbsolutePath().normalize();
		return location.contains(path.toUri().getRawPath()) || location.contains(path.toString());
	}

}
