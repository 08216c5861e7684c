package dev.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import dev.fanout.core.Processes;

/**
 * A shell script for tests of code that waits on a child process: it starts {@code sleep 600} in the background,
 * reports the sleep's pid through a FIFO, then waits for it. {@link #interruptWhileItRuns} runs the code under test
 * on a thread of its own, reads the pid (the FIFO's read returns only once the script has written it, so the tree
 * is known to exist: no sleep, no polling), interrupts that thread and waits for it to end. The test then checks
 * that neither the script nor its sleep is left. {@link #close} kills whatever is left, so a failing test leaves no
 * process behind. The FIFO's read cannot be interrupted: tests using it time out on a thread of their own
 * ({@code @Timeout(threadMode = SEPARATE_THREAD)}), so that code that never starts the script fails them instead of
 * holding the suite.
 */
public final class ProcessTree implements AutoCloseable {

	private final Path script;

	private final Path fifo;

	private long sleeper = -1;

	private ProcessTree(Path script, Path fifo) {
		this.script = script;
		this.fifo = fifo;
	}

	/** The script and its FIFO in {@code directory}; {@code firstLines} go before it starts the sleep. */
	public static ProcessTree in(Path directory, String... firstLines) throws IOException, InterruptedException {
		Path fifo = directory.resolve("sleeper.fifo");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
		if (mkfifo.waitFor() != 0) {
			throw new IOException("mkfifo " + fifo + " failed");
		}
		Path script = directory.resolve("tree.sh");
		Files.writeString(script, "#!/bin/sh\n" + String.join("\n", firstLines) + "\nsleep 600 &\necho $! > '" + fifo
				+ "'\nwait\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return new ProcessTree(script, fifo);
	}

	public Path script() {
		return this.script;
	}

	/** {@code sh <script>}. */
	public List<String> command() {
		return List.of("sh", this.script.toString());
	}

	/**
	 * Runs {@code waiting} on a new thread, interrupts it once the script's sleep runs, and returns what ended it.
	 *
	 * @return the exception {@code waiting} threw (null if it returned)
	 */
	public Throwable interruptWhileItRuns(Callable<?> waiting) throws Exception {
		FutureTask<?> task = new FutureTask<>(waiting::call);
		Thread thread = Thread.ofPlatform().name("waits-on-a-child").start(task);
		awaitSleeper();
		thread.interrupt();
		try {
			task.get();
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

	/** Returns once the script (started elsewhere) runs its sleep: the sleep's pid. */
	public long awaitSleeper() throws IOException {
		try (BufferedReader pid = Files.newBufferedReader(this.fifo, StandardCharsets.US_ASCII)) {
			this.sleeper = Long.parseLong(pid.readLine().trim());
		}
		return this.sleeper;
	}

	/** The background sleep's pid, once {@link #interruptWhileItRuns} has read it. */
	public long sleeper() {
		return this.sleeper;
	}

	/**
	 * Whether the script (any process running it) or its sleep still runs. A zombie does not: the orphaned sleep,
	 * killed, waits for init to reap it, which some inits do only every few seconds (2 s in this project's container).
	 */
	public boolean anyAlive() {
		return ProcessHandle.allProcesses()
			.filter(this::ofTree)
			.anyMatch((process) -> Processes.running(process.pid()).isPresent());
	}

	@Override
	public void close() {
		ProcessHandle.allProcesses().filter(this::ofTree).forEach(ProcessHandle::destroyForcibly);
	}

	private boolean ofTree(ProcessHandle process) {
		return process.pid() == this.sleeper || process.info()
			.arguments()
			.map((args) -> List.of(args).contains(this.script.toString()))
			.orElse(false);
	}

}
