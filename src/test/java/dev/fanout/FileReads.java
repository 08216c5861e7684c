package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts how many times this JVM reads a file to its end, from JDK Flight Recorder's {@code jdk.FileRead} events
 * (recorded without threshold): every read of a whole file ends with a read that reports the end of the file. Nothing
 * in the code under test knows it is counted.
 */
public final class FileReads implements AutoCloseable {

	private final Path file;

	private final Recording recording = new Recording();

	private FileReads(Path file) {
		this.file = file.toAbsolutePath().normalize();
		this.recording.enable("jdk.FileRead").withoutThreshold();
		this.recording.start();
	}

	/** Starts counting the reads of {@code file}. */
	public static FileReads of(Path file) {
		return new FileReads(file);
	}

	/** Stops counting; the whole reads of the file since {@link #of}. */
	public long count() throws IOException {
		this.recording.stop();
		Path dump = Files.createTempFile("file-reads", ".jfr");
		try {
			this.recording.dump(dump);
			return RecordingFile.readAllEvents(dump)
				.stream()
				.filter((event) -> this.file.equals(path(event)) && endOfFile(event))
				.count();
		}
		finally {
			Files.deleteIfExists(dump);
		}
	}

	/** Whether the read reported the end of the file (events of some readers do not have the field). */
	private static boolean endOfFile(RecordedEvent event) {
		return event.hasField("endOfFile") && event.getBoolean("endOfFile");
	}

	private static Path path(RecordedEvent event) {
		String path = event.hasField("path") ? event.getString("path") : null;
		return (path != null) ? Path.of(path).toAbsolutePath().normalize() : Path.of("");
	}

	@Override
	public void close() {
		this.recording.close();
	}

}
