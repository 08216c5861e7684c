package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.fanout.core.DataPaths;
import dev.fanout.core.Units;
import dev.fanout.jobs.images.codec.ImageRejectedException;

/**
 * Gets the bytes of one source image: a download for a URL, a bounded read for a file. Stateless apart from the
 * downloader, which is thread-safe; used by all download threads at once.
 */
public final class ImageFetcher implements AutoCloseable {

	private final ImageDownloader downloader;

	private final long maxBytes;

	private final Path dataDir;

	public ImageFetcher(ImageDownloader downloader, long maxBytes, Path dataDir) {
		this.downloader = downloader;
		this.maxBytes = maxBytes;
		this.dataDir = dataDir;
	}

	public byte[] fetch(ImageSource source) throws ImageRejectedException, IOException {
		return source.remote() ? this.downloader.download(source.uri()) : read(source);
	}

	@Override
	public void close() {
		this.downloader.close();
	}

	private byte[] read(ImageSource source) throws ImageRejectedException, IOException {
		Path file;
		try {
			file = source.path().toRealPath();
		}
		catch (NoSuchFileException ex) {
			throw new ImageRejectedException("file disappeared since the run started");
		}
		// Checked when the run was launched too; a link swapped in since then must not let the job read elsewhere.
		if (!file.startsWith(DataPaths.readBoundary(this.dataDir, source.path().getParent()))) {
			throw new ImageRejectedException("links outside the data directory");
		}
		try (InputStream in = Files.newInputStream(file)) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
			if (bytes.length > this.maxBytes) {
				throw new ImageRejectedException("larger than the %s limit".formatted(Units.bytes(this.maxBytes)));
			}
			return bytes;
		}
		catch (NoSuchFileException ex) {
			throw new ImageRejectedException("file disappeared since the run started");
		}
	}

}
