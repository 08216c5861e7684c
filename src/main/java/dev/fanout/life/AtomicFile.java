package dev.fanout.life;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears complete or not at all: written to a temporary file in the target's directory (same file
 * system, so the rename is atomic), forced to disk, then moved over the target with ATOMIC_MOVE. A reader (another
 * partition, another JVM, a restart after a crash) never sees half a file.
 */
final class AtomicFile implements AutoCloseable {

	@FunctionalInterface
	interface Body {

		void write(FileChannel channel) throws IOException;

	}

	private final Path target;

	private final Path temp;

	private boolean committed;

	private AtomicFile(Path target, Path temp) {
		this.target = target;
		this.temp = temp;
	}

	static AtomicFile begin(Path target) throws IOException {
		Path absolute = target.toAbsolutePath();
		Path directory = absolute.getParent();
		Files.createDirectories(directory);
		return new AtomicFile(absolute, Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp"));
	}

	static void write(Path target, Body body) throws IOException {
		try (AtomicFile file = begin(target)) {
			try (FileChannel channel = FileChannel.open(file.temp, StandardOpenOption.WRITE)) {
				body.write(channel);
			}
			file.commit();
		}
	}

	/** The temporary file to write. */
	Path temp() {
		return this.temp;
	}

	void commit() throws IOException {
		try (FileChannel channel = FileChannel.open(this.temp, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		try {
			Files.move(this.temp, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("cannot replace %s atomically: %s".formatted(this.target, ex.getMessage()), ex);
		}
		this.committed = true;
		forceDirectory(this.target.getParent());
	}

	/** Makes the rename itself durable; not every platform can open a directory, which is then skipped. */
	private static void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			// Best effort: the data itself is already on disk.
		}
	}

	/** Deletes the temporary file unless committed. */
	@Override
	public void close() throws IOException {
		if (!this.committed) {
			Files.deleteIfExists(this.temp);
		}
	}

}
