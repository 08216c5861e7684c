package dev.fanout.jobs.openssl.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.AtomicFiles;
import dev.fanout.core.DataPaths;
import dev.fanout.core.Units;

/**
 * The inputs of a run, fixed when it first starts: the files of the source directory (sorted by name) or
 * {@code count} random payloads. The list is saved in the work directory, so a restart processes the same inputs even
 * if the directory changed meanwhile, and the step's context only needs to say which indexes are done.
 */
public final class InputSnapshot {

	private static final int BLOCK = 64 * 1024;

	private InputSnapshot() {
	}

	public static List<OpensslInput> loadOrCreate(@Nullable List<OpensslInput> listed, @Nullable Path source, int count, long size, Path dataDir,
			Path workDirectory) throws IOException {
		Path snapshot = workDirectory.resolve("inputs.tsv");
		if (Files.exists(snapshot)) {
			return read(snapshot);
		}
		// The files the launch listed, else listed now (a launch that did not list them), else generated.
		List<OpensslInput> inputs = (listed != null) ? listed
				: (source != null) ? listSource(source, dataDir) : payloads(count, size, workDirectory.resolve("payloads"));
		AtomicFiles.write(snapshot, (writer) -> {
			for (OpensslInput input : inputs) {
				writer.write(input.name() + "\t" + input.path() + "\t" + input.generatedSize());
				writer.newLine();
			}
		});
		return inputs;
	}

	/**
	 * Refuses generated payloads that could never fit: they and their ciphertexts would need more than the whole file
	 * system of the data directory (e.g. {@code count=1000000 size=1GiB}). Free space is not checked: a restart finds
	 * part of it used by its own files.
	 */
	public static void requireSpace(int count, long size, Path dataDir) throws IOException {
		long needed;
		try {
			needed = Math.multiplyExact(Math.multiplyExact(count, size), 2);
		}
		catch (ArithmeticException ex) {
			needed = Long.MAX_VALUE;
		}
		Path existing = dataDir.toAbsolutePath();
		while (!Files.exists(existing)) {
			existing = existing.getParent();
		}
		long total = Files.getFileStore(existing).getTotalSpace();
		if (needed > total) {
			throw new IllegalArgumentException(("count=%d size=%s: the payloads and their ciphertexts need %s, more than "
					+ "the file system of the data directory holds (%s)").formatted(count, Units.bytes(size), Units.bytes(needed),
							Units.bytes(total)));
		}
	}

	/**
	 * The regular files of the source directory; a clear error if there is none, or if one is a broken link or, in a
	 * directory inside the data directory, a link leading out of it (to {@code /etc/shadow}, say): what a launch over
	 * the network reads through it must stay inside too ({@link DataPaths#filesOf}).
	 */
	public static List<OpensslInput> listSource(Path source, Path dataDir) throws IOException {
		if (!Files.isDirectory(source)) {
			throw new IllegalArgumentException("source=%s is not a directory".formatted(source));
		}
		List<Path> files = DataPaths.filesOf(dataDir, "source", source);
		if (files.isEmpty()) {
			throw new IllegalArgumentException("source=%s holds no files to encrypt".formatted(source));
		}
		List<OpensslInput> inputs = new ArrayList<>();
		for (Path file : files) {
			inputs.add(new OpensslInput(inputs.size(), file.getFileName().toString(), file, -1));
		}
		return inputs;
	}

	private static List<OpensslInput> payloads(int count, long size, Path directory) {
		List<OpensslInput> inputs = new ArrayList<>();
		int digits = Integer.toString(count).length();
		for (int i = 0; i < count; i++) {
			String name = "payload-%0" + digits + "d";
			inputs.add(new OpensslInput(i, name.formatted(i + 1), directory.resolve(name.formatted(i + 1)),
					size));
		}
		return inputs;
	}

	private static List<OpensslInput> read(Path snapshot) throws IOException {
		List<OpensslInput> inputs = new ArrayList<>();
		for (String line : Files.readAllLines(snapshot, StandardCharsets.UTF_8)) {
			String[] fields = line.split("\t");
			inputs.add(new OpensslInput(inputs.size(), fields[0], Path.of(fields[1]), Long.parseLong(fields[2])));
		}
		return inputs;
	}

	/**
	 * Writes a generated payload once: the same random bytes for the same index, whole or not at all
	 * ({@link AtomicFiles}: a temporary file, forced to disk, then moved into place).
	 */
	public static void ensurePayload(OpensslInput input) throws IOException {
		if (!input.generated() || (Files.exists(input.path()) && Files.size(input.path()) == input.generatedSize())) {
			return;
		}
		AtomicFiles.writeBytes(input.path(), (channel) -> {
			SplittableRandom random = new SplittableRandom(input.index());
			byte[] block = new byte[BLOCK];
			for (long left = input.generatedSize(); left > 0; left -= BLOCK) {
				random.nextBytes(block);
				ByteBuffer bytes = ByteBuffer.wrap(block, 0, (int) Math.min(BLOCK, left));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
		});
	}

}
