package dev.fanout.jobs.openssl.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.fanout.core.DurationText;
import dev.fanout.core.ProcessTrees;
import dev.fanout.core.SecretVariables;

/**
 * One chain of the book's item 52, {@code openssl enc | tee CIPHERTEXT | openssl dgst}, wired with
 * {@link ProcessBuilder#startPipeline}: the operating system moves the bytes (the input file is the first process's
 * standard input, the digest file the last one's standard output), so no Java thread pumps a pipe, memory stays flat
 * whatever the input size, and the pipes cannot fill up and deadlock as in the book. {@code tee} keeps the ciphertext
 * while it flows into the digest. Stateless: chains run concurrently on one instance.
 */
public class EncryptHashChain {

	private static final Duration KILL_GRACE = Duration.ofSeconds(2);

	private final OpensslTool tool;

	private final Secret password;

	/** The clock of the timeout and of the durations: {@link System#nanoTime}, or a test's. */
	private final LongSupplier nanoTime;

	public EncryptHashChain(OpensslTool tool, Secret password) {
		this(tool, password, System::nanoTime);
	}

	/** With a clock of its own, which lets a test stand in for a pause of the JVM. */
	EncryptHashChain(OpensslTool tool, Secret password, LongSupplier nanoTime) {
		this.tool = tool;
		this.password = password;
		this.nanoTime = nanoTime;
	}

	/**
	 * Encrypts {@code input} into {@code cipherTarget} and writes the ciphertext's digest into {@code digestTarget}.
	 * Both appear (atomically) only if every process exited 0 and both outputs are complete. A chain still running at
	 * the timeout is destroyed, then destroyed forcibly; an interrupted chain is destroyed the same way. The timeout
	 * counts from the chain's start, before its processes are started, and a chain seen to end later than that timed
	 * out too, even if its processes had all exited by the time they were looked at (starting them, or a pause of
	 * the JVM, took the time): its duration, as the manifest shows it, is never longer than the timeout of an OK.
	 */
	public ChainResult run(String name, Path input, Path cipherTarget, Path digestTarget, Duration timeout)
			throws InterruptedException {
		long start = this.nanoTime.getAsLong();
		Path directory = cipherTarget.toAbsolutePath().getParent();
		Path cipherTemp = temporary(cipherTarget);
		Path digestTemp = temporary(digestTarget);
		List<Process> processes = List.of();
		try {
			Files.createDirectories(directory);
			// An earlier attempt's file goes first, not just truncated: the processes of a chain outlive a JVM killed
			// with kill -9 and go on writing into the file they opened. In a new file, this chain's output is out of
			// their reach; in a truncated one, their differently salted ciphertext would land in it, even after the
			// move into place.
			Files.deleteIfExists(cipherTemp);
			Files.deleteIfExists(digestTemp);
			processes = ProcessBuilder.startPipeline(builders(input, cipherTemp, digestTemp));
			long inputBytes = Files.size(input);
			if (!awaitAll(processes, start + timeout.toNanos())) {
				destroy(processes);
				return result(name, ChainResult.Status.TIMED_OUT, processes, inputBytes, 0, "", start,
						"timed out after %s and was killed".formatted(DurationText.format(timeout)));
			}
			long ran = this.nanoTime.getAsLong() - start;
			if (ran > timeout.toNanos()) {
				return result(name, ChainResult.Status.TIMED_OUT, processes, inputBytes, 0, "", start,
						"ran %s, longer than the timeout of %s".formatted(millis(ran), DurationText.format(timeout)));
			}
			List<Integer> exits = processes.stream().map(Process::exitValue).toList();
			for (int i = 0; i < exits.size(); i++) {
				if (exits.get(i) != 0) {
					return result(name, ChainResult.Status.FAILED, processes, inputBytes, 0, "", start,
							"%s exited %d: %s".formatted(STAGES.get(i), exits.get(i), firstLine(processes.get(i))));
				}
			}
			long cipherBytes = Files.size(cipherTemp);
			byte[] digest = Files.readAllBytes(digestTemp);
			if (cipherBytes == 0 || digest.length == 0) {
				return result(name, ChainResult.Status.FAILED, processes, inputBytes, cipherBytes, "", start,
						"incomplete output: %d ciphertext bytes, %d digest bytes".formatted(cipherBytes, digest.length));
			}
			Files.move(cipherTemp, cipherTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			Files.move(digestTemp, digestTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return result(name, ChainResult.Status.OK, processes, inputBytes, cipherBytes,
					HexFormat.of().formatHex(digest), start, "");
		}
		catch (IOException ex) {
			destroy(processes);
			return result(name, ChainResult.Status.FAILED, processes, 0, 0, "", start, this.tool.explain(ex));
		}
		catch (InterruptedException ex) {
			destroy(processes);
			throw ex;
		}
		finally {
			deleteQuietly(cipherTemp);
			deleteQuietly(digestTemp);
		}
	}

	/** Where a chain writes before the move into place. */
	static Path temporary(Path target) {
		return target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp");
	}

	private static final List<String> STAGES = List.of("openssl enc", "tee", "openssl dgst");

	private List<ProcessBuilder> builders(Path input, Path cipherTemp, Path digestTemp) {
		ProcessBuilder enc = new ProcessBuilder(this.tool.encryptCommand(this.password.variable()))
			.redirectInput(input.toFile());
		ProcessBuilder tee = new ProcessBuilder("tee", cipherTemp.toString());
		ProcessBuilder dgst = new ProcessBuilder(this.tool.digestCommand()).redirectOutput(digestTemp.toFile());
		List<ProcessBuilder> builders = List.of(enc, tee, dgst);
		for (ProcessBuilder builder : builders) {
			// The password reaches enc only, through its environment: never argv (ps shows it), never the others.
			// Nor do the JVM's other secrets (the operator's, the datasource's): none of the three needs them.
			builder.environment().remove(this.password.variable());
			SecretVariables.removeFrom(builder.environment());
			// Standard error stays a pipe, read once the process has ended: error messages are far smaller than the
			// pipe's buffer; a process that floods it blocks and is ended by the timeout.
		}
		enc.environment().put(this.password.variable(), this.password.value());
		return builders;
	}

	/** Waits for every process until the deadline (of {@link #nanoTime}); false if one is still running then. */
	private boolean awaitAll(List<Process> processes, long deadline) throws InterruptedException {
		for (Process process : processes) {
			if (!process.waitFor(Math.max(0, deadline - this.nanoTime.getAsLong()), TimeUnit.NANOSECONDS)) {
				return false;
			}
		}
		return true;
	}

	/** SIGTERM to every process and its descendants, then SIGKILL to those still running after the grace period. */
	static void destroy(List<Process> processes) {
		ProcessTrees.end(processes.stream().map(Process::toHandle).toList(), KILL_GRACE);
	}

	private ChainResult result(String name, ChainResult.Status status, List<Process> processes, long inputBytes,
			long cipherBytes, String digestHex, long start, String problem) {
		List<Integer> exits = processes.stream().map((p) -> p.isAlive() ? -1 : p.exitValue()).toList();
		return new ChainResult(name, status, exits, inputBytes, cipherBytes, digestHex,
				Duration.ofNanos(this.nanoTime.getAsLong() - start), problem);
	}

	/** {@code 1.4 ms}: a duration near a short timeout, precisely enough to see it is longer. */
	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	private static String firstLine(Process process) {
		try (var errors = process.getErrorStream()) {
			String text = new String(errors.readNBytes(4096), StandardCharsets.UTF_8);
			return text.lines().filter((l) -> !l.isBlank()).findFirst().orElse("(no message)").strip();
		}
		catch (IOException ex) {
			return "(no message)";
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// a leftover hidden temporary file is harmless and replaced by the next attempt
		}
	}

}
