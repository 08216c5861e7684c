package dev.fanout.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;

import dev.fanout.batch.WorkerProcesses;
import dev.fanout.batch.bench.ChildProcess;
import dev.fanout.core.FanoutProperties;

/**
 * Starts {@code fanout worker} processes on this machine for {@code fanout bench factorize --workers}: the same java
 * and classpath (or jar) as this process, its environment (profiles, database and broker settings, secrets included:
 * never on a command line) and its {@code --spring.*} and {@code --fanout.*} arguments, each worker with a data
 * directory of its own under this one's {@code work/bench/}. A worker is ready once its heartbeat row names its pid.
 */
class LocalWorkerProcesses implements WorkerProcesses {

	private static final Logger logger = LoggerFactory.getLogger(LocalWorkerProcesses.class);

	private static final Duration READY = Duration.ofMinutes(2);

	private static final Duration STOP = Duration.ofSeconds(60);

	private final Workers workers;

	private final FanoutProperties fanout;

	private final ApplicationArguments arguments;

	LocalWorkerProcesses(Workers workers, FanoutProperties fanout, ApplicationArguments arguments) {
		this.workers = workers;
		this.fanout = fanout;
		this.arguments = arguments;
	}

	@Override
	public Started start(int count) throws InterruptedException {
		List<Process> processes = new ArrayList<>();
		// Also as bench children, which the JVM's shutdown ends (Ctrl-C on the bench): no worker outlives it.
		List<ChildProcess> children = new ArrayList<>();
		List<Path> outputs = new ArrayList<>();
		Started started = () -> {
			try {
				stop(processes);
			}
			finally {
				children.forEach(ChildProcess::close);
			}
		};
		try {
			for (int i = 1; i <= count; i++) {
				Path directory = this.fanout.dataDir().resolve("work/bench/worker-" + i);
				Files.createDirectories(directory);
				Path output = directory.resolve("worker.log");
				ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().put("FANOUT_DATA_DIR", directory.toString());
				ChildProcess child = ChildProcess.start(builder);
				children.add(child);
				processes.add(child.process());
				outputs.add(output);
			}
			awaitLive(processes, outputs);
			return started;
		}
		catch (IOException ex) {
			started.close();
			throw new IllegalStateException("cannot start a worker process: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | InterruptedException ex) {
			started.close();
			throw ex;
		}
	}

	/** This JVM's way of starting Fanout, with {@code worker --slots 1} and this process's settings. */
	private List<String> command() {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		String launched = System.getProperty("sun.java.command", "").split(" ")[0];
		if (launched.endsWith(".jar")) {
			command.addAll(List.of("-jar", launched));
		}
		else {
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), launched));
		}
		Arrays.stream(this.arguments.getSourceArgs())
			.filter((arg) -> arg.startsWith("--spring.") || arg.startsWith("--fanout."))
			.filter((arg) -> !arg.startsWith("--fanout.data-dir"))
			.forEach(command::add);
		command.addAll(List.of("worker", "--slots", "1"));
		return command;
	}

	private void awaitLive(List<Process> processes, List<Path> outputs) throws InterruptedException {
		Set<Long> pids = processes.stream().map(Process::pid).collect(Collectors.toSet());
		long deadline = System.nanoTime() + READY.toNanos();
		while (true) {
			for (int i = 0; i < processes.size(); i++) {
				if (!processes.get(i).isAlive()) {
					throw new IllegalStateException("worker process %d ended with exit code %d: %s".formatted(
							processes.get(i).pid(), processes.get(i).exitValue(), tail(outputs.get(i))));
				}
			}
			Set<Long> live = this.workers.live().stream().map(Workers.Worker::pid).collect(Collectors.toSet());
			if (live.containsAll(pids)) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the worker processes did not start taking partitions within " + READY);
			}
			// Their start takes seconds; the heartbeat table is read ten times a second meanwhile.
			Thread.sleep(100);
		}
	}

	private static void stop(List<Process> processes) {
		processes.forEach(Process::destroy);
		for (Process process : processes) {
			try {
				if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
					logger.warn("Worker process {} did not stop within {}; killing it", process.pid(), STOP);
					process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
	}

	private static String tail(Path output) {
		try {
			List<String> lines = Files.readAllLines(output);
			return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
