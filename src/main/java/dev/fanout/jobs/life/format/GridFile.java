package dev.fanout.jobs.life.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.Grid;

/**
 * The checkpoint format: a grid (or a band of its rows) at one generation, compact and readable by any program.
 * <p>
 * Little-endian throughout. A 64-byte header:
 * <pre>
 * offset  size  field
 *      0     8  magic "LIFEGRID" (ASCII)
 *      8     4  version, 1
 *     12     4  width (cells per row)
 *     16     4  height (rows of the whole torus)
 *     20     4  firstRow: the first row stored (0 for a whole grid)
 *     24     4  rowCount: rows stored (height for a whole grid); rows never wrap in a file
 *     28     4  0
 *     32     8  generation
 *     40     8  population of the rows stored
 *     48     4  CRC-32C of the rows
 *     52     4  CRC-32 of bytes 0..51
 *     56     8  0
 * </pre>
 * then {@code rowCount} rows of {@code ceil(width / 64) * 8} bytes each: cell {@code c} of a row is bit
 * {@code c % 8} (least significant first) of the row's byte {@code c / 8}, which is also bit {@code c % 64} of the
 * row's little-endian 64-bit word {@code c / 64}; bits beyond the width are 0. Row {@code r} of the file starts at
 * byte {@code 64 + (r - firstRow) * rowBytes}, so a worker reads its band and halo without the rest.
 * <p>
 * Files are written atomically ({@link dev.fanout.core.AtomicFiles}). Reading checks the magic, version, header checksum, sizes and
 * file length; {@link #read} also checks the rows' checksum and population, {@link #readRows} (random access) the bits
 * beyond the width only. Problems are a {@link CorruptFileException} naming the file.
 */
public final class GridFile {

	public static final int HEADER_BYTES = 64;

	public static final int VERSION = 1;

	private static final byte[] MAGIC = "LIFEGRID".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	/** Rows are moved through a buffer of about this size, so memory does not grow with the grid. */
	private static final int CHUNK_BYTES = 1 << 20;

	private GridFile() {
	}

	/** A grid file that is not one, is truncated or damaged. */
	public static final class CorruptFileException extends IOException {

		CorruptFileException(Path file, String problem) {
			super("%s %s".formatted(file, problem));
		}

	}

	/** What a file's header says. */
	public record Header(int width, int height, int firstRow, int rowCount, long generation, long population,
			int rowsCrc) {

		public boolean wholeGrid() {
			return this.firstRow == 0 && this.rowCount == this.height;
		}

		long rowBytes() {
			return 8L * Grid.wordsPerRow(this.width);
		}

		long fileBytes() {
			return HEADER_BYTES + this.rowCount * rowBytes();
		}

	}

	/** Writes a whole grid at a generation. */
	public static Header write(Path file, Grid grid, long generation) throws IOException {
		return writeRows(file, grid, grid.height(), 0, generation);
	}

	/**
	 * Writes a band: {@code rows} are rows {@code firstRow ..} of a torus {@code height} rows high, e.g. a
	 * {@link BandResult}'s rows. {@link #merge} joins band files into a whole grid.
	 */
	public static Header writeRows(Path file, Grid rows, int height, int firstRow, long generation) throws IOException {
		if (firstRow < 0 || (long) firstRow + rows.height() > height) {
			throw new IllegalArgumentException("rows [%d, %d) are not within a grid of %d rows".formatted(firstRow,
					(long) firstRow + rows.height(), height));
		}
		long[] words = rows.words();
		Header header = new Header(rows.width(), height, firstRow, rows.height(), generation, rows.population(),
				crcOf(words));
		AtomicFiles.writeBytes(file, channel -> {
			writeFully(channel, encode(header));
			ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, 8L * words.length))
				.order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < words.length;) {
				int n = Math.min(words.length - i, bytes.capacity() / 8);
				bytes.clear();
				bytes.asLongBuffer().put(words, i, n);
				bytes.limit(n * 8);
				writeFully(channel, bytes);
				i += n;
			}
		});
		return header;
	}

	/** CRC-32C of words as their little-endian bytes. */
	private static int crcOf(long[] words) {
		CRC32C crc = new CRC32C();
		ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, 8L * words.length))
			.order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < words.length;) {
			int n = Math.min(words.length - i, bytes.capacity() / 8);
			bytes.clear();
			bytes.asLongBuffer().put(words, i, n);
			crc.update(bytes.array(), 0, n * 8);
			i += n;
		}
		return (int) crc.getValue();
	}

	public static Header readHeader(Path file) throws IOException {
		try (FileChannel channel = open(file)) {
			return readHeader(channel, file);
		}
	}

	/** Reads all the rows a file holds (a whole grid, or a band's rows), checking them completely. */
	public static Grid read(Path file) throws IOException {
		try (FileChannel channel = open(file)) {
			Header header = readHeader(channel, file);
			Grid rows = new Grid(header.width(), header.rowCount());
			readWords(channel, file, HEADER_BYTES, rows.words(), 0, rows.words().length);
			if (crcOf(rows.words()) != header.rowsCrc()) {
				throw new CorruptFileException(file, "is damaged: the rows do not match their checksum");
			}
			checkUnusedBits(rows, file, header.firstRow());
			if (rows.population() != header.population()) {
				throw new CorruptFileException(file, "is damaged: the header says %d live cells, the rows hold %d"
					.formatted(header.population(), rows.population()));
			}
			return rows;
		}
	}

	/**
	 * Reads {@code count} rows of a whole-grid file starting at torus row {@code firstRow}, wrapping around (a band
	 * with its halo: {@link BandStep#firstRow()}, {@link BandStep#rowCount()}). Reads only those rows.
	 */
	public static Grid readRows(Path file, int firstRow, int count) throws IOException {
		try (FileChannel channel = open(file)) {
			Header header = readHeader(channel, file);
			if (!header.wholeGrid()) {
				throw new IllegalArgumentException("%s holds rows [%d, %d) of %d, not a whole grid".formatted(file,
						header.firstRow(), header.firstRow() + header.rowCount(), header.height()));
			}
			if (count < 1) {
				throw new IllegalArgumentException("cannot read %d rows".formatted(count));
			}
			Grid rows = new Grid(header.width(), count);
			int wpr = rows.wordsPerRow();
			int start = Math.floorMod(firstRow, header.height());
			for (int i = 0; i < count;) {
				int row = (start + i) % header.height();
				int run = Math.min(count - i, header.height() - row);
				readWords(channel, file, HEADER_BYTES + row * header.rowBytes(), rows.words(), i * wpr, run * wpr);
				i += run;
			}
			checkUnusedBits(rows, file, start);
			return rows;
		}
	}

	/**
	 * Joins band files of one generation that together cover every row once into a whole-grid file, streaming.
	 * @return the header written
	 */
	public static Header merge(List<Path> bands, Path target) throws IOException {
		if (bands.isEmpty()) {
			throw new IllegalArgumentException("no band files to merge into " + target);
		}
		List<Path> files = new ArrayList<>(bands);
		List<Header> headers = new ArrayList<>();
		for (Path band : files) {
			headers.add(readHeader(band));
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingInt(i -> headers.get(i).firstRow()));
		Header first = headers.get(order.get(0));
		long population = 0;
		int nextRow = 0;
		for (int i : order) {
			Header header = headers.get(i);
			if (header.width() != first.width() || header.height() != first.height()
					|| header.generation() != first.generation()) {
				throw new IllegalArgumentException(("band files do not belong together: %s is %d×%d at generation %d, "
						+ "%s is %d×%d at generation %d").formatted(files.get(order.get(0)), first.width(),
								first.height(), first.generation(), files.get(i), header.width(), header.height(),
								header.generation()));
			}
			if (header.firstRow() != nextRow) {
				throw new IllegalArgumentException("band files leave a gap or overlap at row %d (%s starts at row %d)"
					.formatted(nextRow, files.get(i), header.firstRow()));
			}
			nextRow += header.rowCount();
			population += header.population();
		}
		if (nextRow != first.height()) {
			throw new IllegalArgumentException("band files cover rows [0, %d) of %d".formatted(nextRow, first.height()));
		}
		// The rows checksum is recomputed while copying: CRC-32C cannot be combined from the parts here.
		CRC32C crc = new CRC32C();
		ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
		long finalPopulation = population;
		Header[] written = new Header[1];
		AtomicFiles.writeBytes(target, channel -> {
			channel.position(HEADER_BYTES);
			for (int i : order) {
				try (FileChannel in = open(files.get(i))) {
					Header header = readHeader(in, files.get(i));
					CRC32C bandCrc = new CRC32C();
					long position = HEADER_BYTES;
					long end = header.fileBytes();
					while (position < end) {
						buffer.clear();
						buffer.limit((int) Math.min(buffer.capacity(), end - position));
						readFully(in, files.get(i), position, buffer);
						buffer.flip();
						crc.update(buffer.array(), 0, buffer.limit());
						bandCrc.update(buffer.array(), 0, buffer.limit());
						writeFully(channel, buffer);
						position += buffer.limit();
					}
					if ((int) bandCrc.getValue() != header.rowsCrc()) {
						throw new CorruptFileException(files.get(i), "is damaged: the rows do not match their checksum");
					}
				}
			}
			written[0] = new Header(first.width(), first.height(), 0, first.height(), first.generation(),
					finalPopulation, (int) crc.getValue());
			channel.position(0);
			writeFully(channel, encode(written[0]));
		});
		return written[0];
	}

	private static FileChannel open(Path file) throws IOException {
		try {
			return FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			throw new NoSuchFileException(file.toString(), null, "no such grid file");
		}
	}

	private static ByteBuffer encode(Header header) {
		ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.put(MAGIC)
			.putInt(VERSION)
			.putInt(header.width())
			.putInt(header.height())
			.putInt(header.firstRow())
			.putInt(header.rowCount())
			.putInt(0)
			.putLong(header.generation())
			.putLong(header.population())
			.putInt(header.rowsCrc());
		CRC32 crc = new CRC32();
		crc.update(bytes.array(), 0, 52);
		bytes.putInt((int) crc.getValue());
		bytes.clear();
		return bytes;
	}

	private static Header readHeader(FileChannel channel, Path file) throws IOException {
		long size = channel.size();
		ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.limit((int) Math.min(HEADER_BYTES, size));
		readFully(channel, file, 0, bytes);
		for (int i = 0; i < MAGIC.length; i++) {
			if (i >= size || bytes.get(i) != MAGIC[i]) {
				throw new CorruptFileException(file, (size < MAGIC.length && i >= size)
						? "is truncated: %d bytes, less than a grid file's header".formatted(size)
						: "is not a life grid file (it does not start with LIFEGRID)");
			}
		}
		if (size < HEADER_BYTES) {
			throw new CorruptFileException(file, "is truncated: %d bytes, less than the %d-byte header".formatted(size,
					HEADER_BYTES));
		}
		int version = bytes.getInt(8);
		CRC32 crc = new CRC32();
		crc.update(bytes.array(), 0, 52);
		if ((int) crc.getValue() != bytes.getInt(52)) {
			throw new CorruptFileException(file, "has a damaged header (checksum mismatch)");
		}
		if (version != VERSION) {
			throw new CorruptFileException(file, "has format version %d; this program reads version %d"
				.formatted(version, VERSION));
		}
		Header header = new Header(bytes.getInt(12), bytes.getInt(16), bytes.getInt(20), bytes.getInt(24),
				bytes.getLong(32), bytes.getLong(40), bytes.getInt(48));
		try {
			Grid.checkSize(header.width(), header.height());
		}
		catch (IllegalArgumentException ex) {
			throw new CorruptFileException(file, "has an impossible size: " + ex.getMessage());
		}
		if (header.firstRow() < 0 || header.rowCount() < 1
				|| (long) header.firstRow() + header.rowCount() > header.height() || header.population() < 0) {
			throw new CorruptFileException(file, "has an impossible header: rows [%d, +%d) of %d, population %d"
				.formatted(header.firstRow(), header.rowCount(), header.height(), header.population()));
		}
		if (size != header.fileBytes()) {
			throw new CorruptFileException(file, (size < header.fileBytes())
					? "is truncated: %d bytes, a %d×%d grid's %d rows take %d".formatted(size, header.width(),
							header.height(), header.rowCount(), header.fileBytes())
					: "is %d bytes, more than the %d its header describes".formatted(size, header.fileBytes()));
		}
		return header;
	}

	private static void checkUnusedBits(Grid rows, Path file, int firstRow) throws CorruptFileException {
		long[] words = rows.words();
		int wpr = rows.wordsPerRow();
		for (int row = 0; row < rows.height(); row++) {
			if ((words[row * wpr + wpr - 1] & ~rows.lastWordMask()) != 0) {
				throw new CorruptFileException(file, "is damaged: row %d has cells beyond the width %d"
					.formatted(firstRow + row, rows.width()));
			}
		}
	}

	private static void readWords(FileChannel channel, Path file, long position, long[] words, int offset, int count)
			throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, 8L * count)).order(ByteOrder.LITTLE_ENDIAN);
		for (int done = 0; done < count;) {
			int n = Math.min(count - done, bytes.capacity() / 8);
			bytes.clear();
			bytes.limit(n * 8);
			readFully(channel, file, position + 8L * done, bytes);
			bytes.flip();
			bytes.asLongBuffer().get(words, offset + done, n);
			done += n;
		}
	}

	private static void readFully(FileChannel channel, Path file, long position, ByteBuffer bytes) throws IOException {
		long at = position;
		while (bytes.hasRemaining()) {
			int read = channel.read(bytes, at);
			if (read < 0) {
				throw new CorruptFileException(file, "is truncated at byte %d".formatted(at));
			}
			at += read;
		}
	}

	private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

}
