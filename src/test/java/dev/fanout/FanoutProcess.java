package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Fanout's CLI as a real separate JVM (the test JVM's java and classpath, the project directory as working
 * directory), with its own data directory: exit codes, signals and kill -9 behave as for an operator.
 */
public final class FanoutProcess {

	private static final AtomicInteger count = new AtomicInteger();

	private final Path dataDir;

	public FanoutProcess(Path dataDir) {
		this.dataDir = dataDir;
	}

	/** Starts {@code fanout args...}; its output goes to files read by {@link #finish}. */
	public Started start(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("dev.fanout.FanoutApplication");
		command.add("--fanout.data-dir=" + this.dataDir);
		command.addAll(List.of(args));
		Path logs = Files.createDirectories(this.dataDir.resolve("process-output"));
		int n = count.incrementAndGet();
		Path out = logs.resolve(n + ".out");
		Path err = logs.resolve(n + ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.start();
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

		/** SIGKILL: the JVM gets no chance to clean up. */
		public void kill9() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

	}

}
