package dev.fanout.system;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either nothing or the whole content: the content goes to a temporary file in the
 * same directory, which is forced to disk and then renamed over the target.
 */
public final class AtomicFiles {

	/** Writes the content of one file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(BufferedWriter writer) throws IOException;

	}

	private AtomicFiles() {
	}

	public static void write(Path target, Content content) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		// Not createTempFile: its files are private (0600); outputs get the usual permissions of the umask.
		Path temporary = Files.createFile(directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
		try {
			try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				content.writeTo(writer);
			}
			try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void move(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
