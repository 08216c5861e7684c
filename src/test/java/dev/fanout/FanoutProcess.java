package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Fanout's CLI as a real separate JVM ({@link ChildJvm}: the test JVM's java, the application's classes, the
 * project directory as working directory), with its own data directory: exit codes, signals and kill -9 behave as for an operator.
 */
public final class FanoutProcess {

	private static final AtomicInteger count = new AtomicInteger();

	private static final Pattern STARTED = Pattern.compile("Started execution (\\d+)");

	private final Path dataDir;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	public FanoutProcess(Path dataDir) {
		this(dataDir, List.of(), Map.of());
	}

	private FanoutProcess(Path dataDir, List<String> jvmOptions, Map<String, String> environment) {
		this.dataDir = dataDir;
		this.jvmOptions = jvmOptions;
		this.environment = environment;
	}

	/** The same data directory, in JVMs started with these options too (e.g. {@code -XX:ActiveProcessorCount=1}). */
	public FanoutProcess withJvmOptions(String... options) {
		return new FanoutProcess(this.dataDir, List.of(options), this.environment);
	}

	/** The same, in processes whose environment has this variable too (a setting, e.g. {@code FANOUT_X_Y}). */
	public FanoutProcess withEnvironment(String name, String value) {
		Map<String, String> environment = new HashMap<>(this.environment);
		environment.put(name, value);
		return new FanoutProcess(this.dataDir, this.jvmOptions, Map.copyOf(environment));
	}

	/** Starts {@code fanout args...}; its output goes to files read by {@link #finish}. */
	public Started start(String... args) throws IOException {
		List<String> command = new ArrayList<>(ChildJvm.command());
		command.addAll(1, this.jvmOptions);
		command.add("--fanout.data-dir=" + this.dataDir);
		command.addAll(List.of(args));
		Path logs = Files.createDirectories(this.dataDir.resolve("process-output"));
		int n = count.incrementAndGet();
		Path out = logs.resolve(n + ".out");
		Path err = logs.resolve(n + ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		return new Started(process, out, err);
	}

	/** Runs {@code fanout args...} to its end. */
	public CommandResult run(String... args) throws Exception {
		return start(args).finish();
	}

	/** A started CLI process. */
	public record Started(Process process, Path out, Path err) {

		public CommandResult finish() throws Exception {
			if (!this.process.waitFor(120, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("fanout did not end within 120 s");
			}
			return new CommandResult(this.process.exitValue(), Files.readString(this.out), Files.readString(this.err));
		}

		/**
		 * Waits until {@code run} or {@code restart} prints "Started execution N" and returns N: the execution exists
		 * in the repository from then on.
		 */
		public long awaitExecutionId(Duration timeout) throws Exception {
			long[] id = new long[1];
			Await.until("fanout printing the id of the execution it started", timeout, () -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("fanout ended before it started an execution:\n" + finish());
				}
				Matcher matcher = STARTED.matcher(Files.readString(this.out));
				id[0] = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
				return id[0] >= 0;
			});
			return id[0];
		}

		/** Whether the process is still running (it has not exited, nor been killed). */
		public boolean isAlive() {
			return this.process.isAlive();
		}

		/** SIGTERM, as {@code kill PID} or a service manager sends it (the first step of Ctrl-C's effect too). */
		public void terminate() {
			this.process.destroy();
		}

		/**
		 * SIGSTOP, then SIGCONT: the process pauses where it is, as in a long garbage collection or on a suspended
		 * machine, and goes on when {@code paused} returns.
		 */
		public void pauseWhile(Callable<?> paused) throws Exception {
			signal("STOP");
			try {
				paused.call();
			}
			finally {
				signal("CONT");
			}
		}

		private void signal(String signal) throws Exception {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).inheritIO()
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed with " + kill.exitValue());
			}
		}

		/** SIGKILL: the JVM gets no chance to clean up. */
		public void kill9() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

	}

}
