package dev.fanout.jobs.life.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandProgress;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridFileTests {

	@TempDir
	Path directory;

	@Test
	void roundTripsAGridWithItsGenerationAndPopulation() throws IOException {
		Grid grid = Grids.random(130, 41, 0.4, new Random(8));
		Path file = this.directory.resolve("out/life/1/generation-000064.grid");

		GridFile.Header written = GridFile.write(file, grid, 64);

		GridFile.Header header = GridFile.readHeader(file);
		assertThat(header).isEqualTo(written);
		assertThat(header.width()).isEqualTo(130);
		assertThat(header.height()).isEqualTo(41);
		assertThat(header.generation()).isEqualTo(64);
		assertThat(header.population()).isEqualTo(grid.population());
		assertThat(header.wholeGrid()).isTrue();
		assertThat(GridFile.read(file)).isEqualTo(grid);
		assertThat(Files.size(file)).isEqualTo(64 + 41 * 3 * 8);
	}

	@Test
	void storesRowsAsLittleEndianBitmapsAfterA64ByteHeader() throws IOException {
		Path file = this.directory.resolve("glider.grid");

		GridFile.write(file, Grids.bookGlider(), 0);

		byte[] bytes = Files.readAllBytes(file);
		assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("LIFEGRID");
		ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(header.getInt(8)).isEqualTo(1);
		assertThat(header.getInt(12)).isEqualTo(9);
		assertThat(header.getInt(16)).isEqualTo(5);
		assertThat(header.getLong(40)).isEqualTo(5);
		// A 9-cell row takes one 8-byte word; cell c is bit c % 8 of byte c / 8.
		assertThat(bytes).hasSize(64 + 5 * 8);
		assertThat(Arrays.copyOfRange(bytes, 64, 66)).containsExactly(0b0000_1000, 0);
		assertThat(Arrays.copyOfRange(bytes, 72, 74)).containsExactly(0b0001_0000, 0);
		assertThat(Arrays.copyOfRange(bytes, 80, 82)).containsExactly(0b0001_1100, 0);
	}

	@Test
	void readsABandWithItsHaloWrappingAroundWithoutTheOtherRows() throws IOException {
		Grid grid = Grids.random(70, 50, 0.5, new Random(4));
		Path file = this.directory.resolve("g.grid");
		GridFile.write(file, grid, 7);

		for (Band band : Band.split(50, 4)) {
			BandStep step = new BandStep(band, 50, 5);
			assertThat(GridFile.readRows(file, step.firstRow(), step.rowCount())).as("%s", band)
				.isEqualTo(step.inputFrom(grid));
		}
		assertThat(GridFile.readRows(file, 45, 60)).isEqualTo(grid.copyRows(45, 60));
		assertThat(GridFile.readRows(file, -3, 2)).isEqualTo(grid.copyRows(47, 2));
	}

	@Test
	void mergesBandFilesIntoTheNextCheckpoint() throws IOException {
		Grid grid = Grids.random(100, 31, 0.3, new Random(12));
		Path checkpoint = this.directory.resolve("generation-0.grid");
		GridFile.write(checkpoint, grid, 0);
		List<Path> bands = new ArrayList<>();
		for (Band band : Band.split(31, 3).reversed()) {
			BandStep step = new BandStep(band, 31, 4);
			BandResult result = step.advance(GridFile.readRows(checkpoint, step.firstRow(), step.rowCount()),
					BandProgress.NONE);
			Path file = this.directory.resolve("band-%d.grid".formatted(band.from()));
			GridFile.Header header = GridFile.writeRows(file, result.rows(), 31, band.from(), 4);
			assertThat(header.wholeGrid()).isFalse();
			assertThat(GridFile.read(file)).isEqualTo(result.rows());
			bands.add(file);
		}

		GridFile.Header merged = GridFile.merge(bands, this.directory.resolve("generation-4.grid"));

		Grid expected = BitKernel.advance(grid, 4);
		assertThat(GridFile.read(this.directory.resolve("generation-4.grid"))).isEqualTo(expected);
		assertThat(merged.generation()).isEqualTo(4);
		assertThat(merged.population()).isEqualTo(expected.population());
		assertThat(merged.wholeGrid()).isTrue();
	}

	@Test
	void refusesToMergeBandsThatLeaveAGapOrDoNotBelongTogether() throws IOException {
		Path top = this.directory.resolve("top.grid");
		Path bottom = this.directory.resolve("bottom.grid");
		Path later = this.directory.resolve("later.grid");
		GridFile.writeRows(top, new Grid(10, 4), 10, 0, 3);
		GridFile.writeRows(bottom, new Grid(10, 5), 10, 5, 3);
		GridFile.writeRows(later, new Grid(10, 6), 10, 4, 4);
		Path target = this.directory.resolve("merged.grid");

		assertThatIllegalArgumentException().isThrownBy(() -> GridFile.merge(List.of(top, bottom), target))
			.withMessageContaining("gap or overlap at row 4");
		assertThatIllegalArgumentException().isThrownBy(() -> GridFile.merge(List.of(top), target))
			.withMessageContaining("cover rows [0, 4) of 10");
		assertThatIllegalArgumentException().isThrownBy(() -> GridFile.merge(List.of(top, later), target))
			.withMessageContaining("at generation 3")
			.withMessageContaining("at generation 4");
		assertThat(target).doesNotExist();
	}

	@Test
	void replacesAFileAtomicallyLeavingNoTemporaryFiles() throws IOException {
		Path file = this.directory.resolve("c.grid");
		GridFile.write(file, new Grid(10, 10), 1);

		GridFile.write(file, Grids.bookGlider(), 2);

		assertThat(GridFile.read(file)).isEqualTo(Grids.bookGlider());
		try (var files = Files.list(this.directory)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void rejectsATruncatedFile() throws IOException {
		Path file = this.directory.resolve("t.grid");
		GridFile.write(file, Grids.random(100, 20, 0.5, new Random(1)), 5);
		byte[] bytes = Files.readAllBytes(file);

		Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
		assertThatThrownBy(() -> GridFile.read(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("t.grid is truncated: 381 bytes, a 100×20 grid's 20 rows take 384");
		assertThatThrownBy(() -> GridFile.readRows(file, 0, 2)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("is truncated");

		Files.write(file, Arrays.copyOf(bytes, 30));
		assertThatThrownBy(() -> GridFile.readHeader(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("is truncated: 30 bytes, less than the 64-byte header");

		Files.write(file, new byte[0]);
		assertThatThrownBy(() -> GridFile.read(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("is truncated: 0 bytes");

		Files.write(file, Arrays.copyOf(bytes, bytes.length + 8));
		assertThatThrownBy(() -> GridFile.read(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("is 392 bytes, more than the 384 its header describes");
	}

	@Test
	void rejectsAFileThatIsNotAGridFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("glider.txt"), "---*-----\n".repeat(20));

		assertThatThrownBy(() -> GridFile.read(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("glider.txt is not a life grid file");
	}

	@Test
	void rejectsADamagedHeader() throws IOException {
		Path file = this.directory.resolve("h.grid");
		GridFile.write(file, new Grid(64, 8), 5);
		byte[] bytes = Files.readAllBytes(file);
		bytes[12] ^= 1;
		Files.write(file, bytes);

		assertThatThrownBy(() -> GridFile.readHeader(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("h.grid has a damaged header (checksum mismatch)");
	}

	@Test
	void rejectsDamagedRows() throws IOException {
		Path file = this.directory.resolve("r.grid");
		GridFile.write(file, Grids.random(60, 8, 0.5, new Random(2)), 5);
		byte[] bytes = Files.readAllBytes(file);
		bytes[64 + 8 * 3 + 2] ^= 0x10;
		Files.write(file, bytes);

		assertThatThrownBy(() -> GridFile.read(file)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("is damaged: the rows do not match their checksum");

		// Random access cannot check the whole file's checksum, but it notices cells beyond the width.
		bytes[64 + 8 * 6 + 7] |= (byte) 0x80;
		Files.write(file, bytes);
		assertThatThrownBy(() -> GridFile.readRows(file, 5, 2)).isInstanceOf(GridFile.CorruptFileException.class)
			.hasMessageContaining("row 6 has cells beyond the width 60");
	}

	@Test
	void refusesToReadABandOfABandFileAndNamesAMissingFile() throws IOException {
		Path band = this.directory.resolve("band.grid");
		GridFile.writeRows(band, new Grid(8, 2), 10, 4, 1);

		assertThatIllegalArgumentException().isThrownBy(() -> GridFile.readRows(band, 0, 1))
			.withMessageContaining("holds rows [4, 6) of 10, not a whole grid");
		assertThatThrownBy(() -> GridFile.read(this.directory.resolve("missing.grid")))
			.isInstanceOf(NoSuchFileException.class)
			.hasMessageContaining("missing.grid");
	}

}
