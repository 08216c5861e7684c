package dev.fanout.images;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fanout.system.AtomicFiles;

/**
 * A gallery in a local directory. Each image is written to a temporary file and moved into place ({@link AtomicFiles}),
 * so a file that exists is complete: {@link #contains} can trust it after a crash. Immutable; concurrent uploads, even
 * of one name, write distinct temporary files and the last move wins.
 */
final class DirectoryGallery implements Gallery {

	private final Path directory;

	/** The directory is created with the first image, so a run that fails before any leaves no empty gallery. */
	DirectoryGallery(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	@Override
	public boolean contains(String name) {
		return Files.isRegularFile(file(name));
	}

	@Override
	public void upload(String name, ResizedImage image) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(image.bytes());
		AtomicFiles.writeBytes(file(name), (channel) -> {
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		});
	}

	@Override
	public String location() {
		return this.directory.toString();
	}

	private Path file(String name) {
		return this.directory.resolve(GalleryName.requireSafe(name));
	}

}
