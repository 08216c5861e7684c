package dev.fanout.jobs.images.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.fanout.batch.bench.ChildProcess;
import dev.fanout.batch.bench.Sample;
import dev.fanout.core.AtomicFiles;

/**
 * The chapter's own queue pipeline (item 55) in Python, as the book writes it: unbounded closable queues, stoppable
 * worker threads, every stage a sleep of the model's latency and nothing else. {@code bench images} runs it beside
 * the job on the model of part (a): the book's program is what the job's shape is measured against. The script,
 * {@code chapter-pipeline.py}, is written into the bench's directory, where it can be run by hand, and times itself
 * from its queues' creation to its last join: the interpreter's start is not counted.
 * <p>
 * Immutable; each run is a process of its own.
 */
final class ChapterPipeline {

	private static final String SCRIPT = "chapter-pipeline.py";

	/** A run of the model's 1000 items takes ~3.4 s at 3/4/5 threads and ~10 s at 1/1/1. */
	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private final String python;

	private final Path script;

	private ChapterPipeline(String python, Path script) {
		this.python = python;
		this.script = script;
	}

	/**
	 * The pipeline, its script written into {@code directory}, if {@code python} runs (it is {@code python3} on the
	 * PATH unless the operator names another); empty, with nothing written, if it does not.
	 */
	static Optional<ChapterPipeline> find(String python, Path directory) throws IOException {
		try (ChildProcess version = ChildProcess.start(new ProcessBuilder(python, "--version").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD))) {
			if (!version.await(Duration.ofSeconds(30)) || version.exitValue() != 0) {
				return Optional.empty();
			}
		}
		catch (IOException ex) {
			return Optional.empty(); // no such program
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while looking for " + python, ex);
		}
		Path script = directory.resolve(SCRIPT);
		try (InputStream source = ChapterPipeline.class.getResourceAsStream(SCRIPT)) {
			if (source == null) {
				throw new IllegalStateException(SCRIPT + " is missing from this build");
			}
			byte[] content = source.readAllBytes();
			AtomicFiles.writeBytes(script, (channel) -> channel.write(ByteBuffer.wrap(content)));
		}
		return Optional.of(new ChapterPipeline(python, script));
	}

	/**
	 * One run of {@code items} items through {@code download}/{@code resize}/{@code upload} threads, each stage a
	 * {@code latency} sleep: its wall and CPU time as the script measured them.
	 * @throws IllegalStateException if the program failed, or finished another number of items
	 */
	Sample run(int download, int resize, int upload, int items, Duration latency) throws Exception {
		// Closed on every way out: a program still running (timed out, the wait interrupted) is ended.
		try (ChildProcess process = ChildProcess.start(new ProcessBuilder(List.of(this.python, this.script.toString(),
				Integer.toString(download), Integer.toString(resize), Integer.toString(upload),
				Integer.toString(items), Long.toString(latency.toMillis())))
			.redirectErrorStream(true))) {
			// Waited for before its output is read, so that a program that hangs meets the timeout: its line, or a
			// traceback, fits in the pipe's buffer.
			if (!process.await(TIMEOUT)) {
				throw new IllegalStateException(
						"the chapter's pipeline did not end within " + TIMEOUT.toMinutes() + " min");
			}
			String output;
			try (InputStream out = process.process().getInputStream()) {
				output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
			}
			String[] fields = output.split("\\s+");
			if (process.exitValue() != 0 || fields.length != 3 || !fields[0].equals(Integer.toString(items))) {
				throw new IllegalStateException(
						"the chapter's pipeline (%s %s) did not finish its %d items: exit %d, %s"
					.formatted(this.python, this.script, items, process.exitValue(),
							output.isEmpty() ? "no output" : output));
			}
			return new Sample(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
		}
	}

	/** Where the script was written, to run it by hand. */
	Path script() {
		return this.script;
	}

}
