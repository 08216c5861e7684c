package dev.fanout.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files that appear complete or not at all: the content goes to a temporary file in the target's directory (same file
 * system, so the rename is atomic), is forced to disk, then moved over the target with ATOMIC_MOVE. A reader (another
 * partition, another JVM, a restart after a crash) never sees half a file.
 */
public final class AtomicFiles {

	/** Writes the text of one file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(BufferedWriter writer) throws IOException;

	}

	/** Writes the bytes of one file. */
	@FunctionalInterface
	public interface Bytes {

		void writeTo(FileChannel channel) throws IOException;

	}

	private AtomicFiles() {
	}

	/** Writes a UTF-8 text file atomically. */
	public static void write(Path target, Content content) throws IOException {
		writeBytes(target, (channel) -> {
			Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
			BufferedWriter writer = new BufferedWriter(out);
			content.writeTo(writer);
			writer.flush();
		});
	}

	/** Writes a file atomically through a channel. */
	public static void writeBytes(Path target, Bytes content) throws IOException {
		try (Pending file = begin(target)) {
			try (FileChannel channel = FileChannel.open(file.temporary(), StandardOpenOption.WRITE)) {
				content.writeTo(channel);
			}
			file.commit();
		}
	}

	/** Starts a file written in several calls: write {@link Pending#temporary()}, then {@link Pending#commit()}. */
	public static Pending begin(Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		if (!Files.isDirectory(absolute.getParent())) {
			// Only when missing: for a directory that exists, createDirectories throws and catches an exception.
			Files.createDirectories(absolute.getParent());
		}
		// Not createTempFile: its files are private (0600); outputs get the usual permissions of the umask.
		Path temporary = Files.createFile(
				absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
		return new Pending(absolute, temporary);
	}

	/** A file being written; closing it without {@link #commit()} deletes the temporary file. */
	public static final class Pending implements AutoCloseable {

		private final Path target;

		private final Path temporary;

		private boolean committed;

		private Pending(Path target, Path temporary) {
			this.target = target;
			this.temporary = temporary;
		}

		public Path temporary() {
			return this.temporary;
		}

		/** Forces the content to disk and moves it over the target. */
		public void commit() throws IOException {
			try (FileChannel channel = FileChannel.open(this.temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			try {
				Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new IOException("cannot replace %s atomically: %s".formatted(this.target, ex.getMessage()), ex);
			}
			this.committed = true;
		}

		@Override
		public void close() throws IOException {
			if (!this.committed) {
				Files.deleteIfExists(this.temporary);
			}
		}

	}

}
