package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fanout.core.AtomicFiles;
import dev.fanout.core.DataPaths;
import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * A gallery in a local directory. Each image is written to a temporary file and moved into place ({@link AtomicFiles}),
 * so a file that exists is complete: {@link #contains} can trust it after a crash. Immutable; concurrent uploads, even
 * of one name, write distinct temporary files and the last move wins.
 */
public final class DirectoryGallery implements Gallery {

	private final Path directory;

	private final Path dataDir;

	/**
	 * The directory is created with the first image, so a run that fails before any leaves no empty gallery. Every
	 * upload first checks that the directory still leads inside {@code dataDir}: a link put in place during the run
	 * is refused, not followed.
	 */
	public DirectoryGallery(Path directory, Path dataDir) {
		this.directory = directory.toAbsolutePath().normalize();
		this.dataDir = dataDir;
	}

	@Override
	public boolean contains(String name) {
		return Files.isRegularFile(file(name));
	}

	@Override
	public void upload(String name, ResizedImage image) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(image.bytes());
		DataPaths.requireInside(this.dataDir, this.directory);
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
