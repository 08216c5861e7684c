package dev.fanout.jobs.life.format;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;
import dev.fanout.jobs.life.grid.Pattern;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PatternReaderTests {

	@TempDir
	Path directory;

	@Test
	void readsTheBooksGliderFromTheSampleData() throws IOException {
		Pattern pattern = PatternReader.read(Path.of("data/life/glider.txt"));

		assertThat(pattern.format()).isEqualTo(Pattern.Format.PLAIN);
		assertThat(pattern.width()).isEqualTo(9);
		assertThat(pattern.height()).isEqualTo(5);
		assertThat(pattern.cells()).isEqualTo(Grids.bookGlider());
	}

	@Test
	void readsTheGliderInRle() {
		Pattern pattern = PatternReader.parse("#N Glider\nx = 3, y = 3, rule = B3/S23\nbob$2bo$3o!\n", "glider.rle");

		assertThat(pattern.format()).isEqualTo(Pattern.Format.RLE);
		assertThat(pattern.cells()).isEqualTo(Grids.of("-*-", "--*", "***"));
	}

	@Test
	void readsTheRPentomino() throws IOException {
		Pattern pattern = PatternReader.read(Path.of("data/life/r-pentomino.rle"));

		assertThat(pattern.cells()).isEqualTo(Grids.of("-**", "**-", "-*-"));
	}

	@Test
	void readsTheGosperGliderGunThatFiresAGliderEveryThirtyGenerations() throws IOException {
		Pattern gun = PatternReader.read(Path.of("src/test/resources/life/gosper.rle"));

		assertThat(gun.width()).isEqualTo(36);
		assertThat(gun.height()).isEqualTo(9);
		assertThat(gun.population()).isEqualTo(36);
		assertThat(Grids.firstRows(gun.cells(), 5)).containsExactly(
				"------------------------*-----------",
				"----------------------*-*-----------",
				"------------**------**------------**",
				"-----------*---*----**------------**",
				"**--------*-----*---**--------------");
		assertThat(PatternReader.read(Path.of("data/life/gosper-glider-gun.rle")).cells()).isEqualTo(gun.cells());
		// The gun repeats every 30 generations and adds a glider of 5 cells each time.
		Grid grid = Placement.place(gun, 200, 200, Placement.at(10, 10));
		long[] populations = new long[4];
		for (int i = 0; i < populations.length; i++) {
			populations[i] = BitKernel.advance(grid, 60 + 30L * i).population();
		}
		assertThat(populations[1] - populations[0]).isEqualTo(5);
		assertThat(populations[2] - populations[1]).isEqualTo(5);
		assertThat(populations[3] - populations[2]).isEqualTo(5);
	}

	@Test
	void readsRunsSplitAcrossLinesOfAnyLengthAndIgnoresWhatFollowsTheEnd() {
		String oneLine = "x = 200, y = 2\n" + "b".repeat(0) + "199bo$o198bo!";
		String split = "x = 200, y = 2, rule = b3/s23\n19\n9b\no\n$o1\n98bo\n!this is ignored\nso is this";

		Grid expected = new Grid(200, 2);
		expected.set(0, 199, true);
		expected.set(1, 0, true);
		expected.set(1, 199, true);
		assertThat(PatternReader.parse(oneLine, "one line").cells()).isEqualTo(expected);
		assertThat(PatternReader.parse(split, "split").cells()).isEqualTo(expected);
		assertThat(PatternReader.parse("x=200,y=2,rule=23/3\n" + "1".repeat(0) + "199bo$o198bo", "no end").cells())
			.isEqualTo(expected);
	}

	@Test
	void skipsRowsWithCountedRowEndsAndLeavesMissingCellsDead() {
		Pattern pattern = PatternReader.parse("x = 4, y = 5\n2o$$2$o!", "rows");

		assertThat(pattern.cells()).isEqualTo(Grids.of("**--", "----", "----", "----", "*---"));
	}

	@Test
	void detectsRleByTheHeaderOrTheFileName() throws IOException {
		Path rle = Files.writeString(this.directory.resolve("blinker.life"), "# a comment\n\nx = 3, y = 1\n3o!\n");
		Path named = Files.writeString(this.directory.resolve("empty.rle"), "3o!\n");

		assertThat(PatternReader.read(rle).format()).isEqualTo(Pattern.Format.RLE);
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.read(named))
			.withMessageContaining("empty.rle line 1: missing or malformed RLE header")
			.withMessageContaining("found '3o!'");
	}

	@Test
	void readsPlainTextWithCommentsTrailingSpacesAndShortRows() throws IOException {
		Pattern pattern = PatternReader.parsePlain(new StringReader("# a blinker\n\n-*-  \n-*\n-*-\r\n\n\n"), "blinker");

		assertThat(pattern.cells()).isEqualTo(Grids.of("-*-", "-*-", "-*-"));
	}

	@Test
	void rejectsAnUnknownRleTagNamingTheLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("#C two states only\nx = 3, y = 3\nbob$\n2bA$3o!", "multistate"))
			.withMessageContaining("multistate line 4: unknown tag 'A'")
			.withMessageContaining("b (dead), [count]o (alive)");
	}

	@Test
	void rejectsRleWithoutAHeader() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("#C nothing\n", "nothing.rle"))
			.withMessageContaining("nothing.rle holds no pattern");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parseRle(new StringReader("\n# c\nbo$2bo$3o!"), "headless.rle"))
			.withMessageContaining("headless.rle line 3: missing or malformed RLE header");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("x = 3; y = 3\nbo!", "semicolon"))
			.withMessageContaining("semicolon line 1: missing or malformed RLE header")
			.withMessageContaining("'x = 3; y = 3'");
	}

	@Test
	void rejectsRunsThatOverflowTheDeclaredWidth() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = 2\nbo$\n2b2o!", "wide"))
			.withMessageContaining("wide line 3: row 2 has 4 or more cells, more than the declared width x = 3");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("x = 3, y = 2\n99999999999o!", "huge"))
			.withMessageContaining("huge line 2: run count")
			.withMessageContaining("too large");
	}

	@Test
	void rejectsRowsBeyondTheDeclaredHeight() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = 2\no$o$o!", "tall"))
			.withMessageContaining("tall line 2: row 3 is beyond the declared height y = 2");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = 2\no5$!", "skip"))
			.withMessageContaining("skip line 2: 5$ goes to row 6, beyond the declared height y = 2");
		// One row end after the last row is tolerated.
		assertThat(PatternReader.parse("x = 1, y = 2\no$o$!", "trailing").population()).isEqualTo(2);
	}

	@Test
	void rejectsACountWithoutATagAndAZeroCount() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = 2\no3!", "dangling"))
			.withMessageContaining("dangling line 2: run count 3 is not followed by b, o or $");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = 2\n0o!", "zero"))
			.withMessageContaining("zero line 2: a run count of 0");
	}

	@Test
	void acceptsConwaysLifeInItsUsualSpellingsOnly() {
		for (String rule : new String[] { "B3/S23", "b3/s23", "23/3", "S23/B3" }) {
			assertThat(PatternReader.parse("x = 1, y = 1, rule = " + rule + "\no!", rule).population()).isEqualTo(1);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("#N HighLife\nx = 1, y = 1, rule = B36/S23\no!", "highlife.rle"))
			.withMessageContaining("highlife.rle line 2: rule = B36/S23 is not supported")
			.withMessageContaining("only Conway's Life, rule = B3/S23");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("x = 1, y = 1, rule = B3/S23:T10,10\no!", "bounded"))
			.withMessageContaining("rule = B3/S23:T10,10 is not supported");
	}

	@Test
	void rejectsNonPositiveAndOversizedHeaderSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 0, y = 3\n!", "zero"))
			.withMessageContaining("zero line 1: x = 0 in the header is not a positive size");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("x = 3, y = -2\n!", "negative"))
			.withMessageContaining("y = -2 in the header is not a positive size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("x = 99999999999, y = 1\n!", "long"))
			.withMessageContaining("x = 99999999999 in the header is too large");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parse("x = 2000000000, y = 2000000000\n!", "heap"))
			.withMessageContaining("heap line 1: a 2000000000×2000000000 pattern is too large");
	}

	@Test
	void readsLifeWikisPlaintextGliderGunAsLifeWikiServesIt() throws IOException {
		// gosperglidergun.cells as downloaded: '!' comments, 'O' alive, '.' dead, trailing dots left out.
		Path cells = Files.writeString(this.directory.resolve("gosperglidergun.cells"), """
				!Name: Gosper glider gun
				!Author: Bill Gosper
				!The first known gun and the first known finite pattern with unbounded growth.
				!www.conwaylife.com/wiki/index.php?title=Gosper_glider_gun
				........................O
				......................O.O
				............OO......OO............OO
				...........O...O....OO............OO
				OO........O.....O...OO
				OO........O...O.OO....O.O
				..........O.....O.......O
				...........O...O
				............OO
				""");

		Pattern gun = PatternReader.read(cells);

		assertThat(gun.format()).isEqualTo(Pattern.Format.CELLS);
		assertThat(gun.cells()).isEqualTo(PatternReader.read(Path.of("src/test/resources/life/gosper.rle")).cells());
	}

	@Test
	void readsLifeWikisPlaintextByItsCellsWhateverTheFileName() {
		Pattern glider = PatternReader.parse("!Name: Glider\n!\n.O.\n..O\nOOO\n", "glider.txt");

		assertThat(glider.format()).isEqualTo(Pattern.Format.CELLS);
		assertThat(glider.cells()).isEqualTo(Grids.of("-*-", "--*", "***"));
		// Without any '.' or 'O', the '!' comments tell: blank lines are then rows of dead cells, not a mistake.
		assertThat(PatternReader.parse("!Name: Two blocks\n**\n**\n\n\n**\n**\n", "blocks").cells())
			.isEqualTo(Grids.of("**", "**", "--", "--", "**", "**"));
	}

	@Test
	void readsLifeWikisVariantsBlankRowsAndStarsForAliveCells() {
		// LifeWiki lists both: rows of dead cells left completely blank, and '*' instead of 'O'.
		Pattern pattern = PatternReader.parse("!Name: Two blinkers\n\n.*\n.O\n.O\n\n\nOOO\n\n", "blinkers");

		assertThat(pattern.format()).isEqualTo(Pattern.Format.CELLS);
		assertThat(pattern.cells()).isEqualTo(Grids.of("-*-", "-*-", "-*-", "---", "---", "***"));
	}

	@Test
	void rejectsBadCharactersInLifeWikisPlaintextNamingLineColumnAndItsCells() throws IOException {
		Path lowercase = Files.writeString(this.directory.resolve("glider.cells"), "!Name: Glider\n.o.\n");

		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.read(lowercase))
			.withMessageContaining("glider.cells line 2 column 2: 'o' is not a cell")
			.withMessageContaining("LifeWiki's plaintext (.cells) format has 'O' for alive and '.' for dead");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse(".O.\n-O-\n", "mixed"))
			.withMessageContaining("mixed line 2 column 1: '-' is not a cell")
			.withMessageContaining("line 1 column 1 has '.', so the file is read as LifeWiki's plaintext");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("!Name: nothing\n!\n\n", "none"))
			.withMessageContaining("none holds no pattern");
	}

	@Test
	void rejectsBadCharactersInPlainTextNamingLineAndColumn() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("-*-\n-O-\n", "cells.txt"))
			.withMessageContaining("cells.txt line 2 column 2: 'O' is not a cell")
			.withMessageContaining("'*' for alive and '-' for dead")
			.withMessageContaining("line 1 column 1 has '-', so the file is read as the book's plain text");
	}

	@Test
	void rejectsAFileOfNoFormatNamingEveryFormat() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("root:x:0:0\n", "passwd"))
			.withMessageContaining("passwd line 1 column 1: 'r' is not a cell; a pattern is RLE (a file named .rle), "
					+ "LifeWiki's plaintext ('O' alive, '.' dead) or the book's plain text ('*' alive, '-' dead)");
	}

	@Test
	void rejectsABlankLineBetweenPlainRows() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("-*-\n\n-*-\n", "gap.txt"))
			.withMessageContaining("gap.txt line 2 is blank between rows");
	}

	@Test
	void rejectsAnEmptyPattern() throws IOException {
		Path empty = Files.writeString(this.directory.resolve("empty.txt"), "# only a comment\n\n");

		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.read(empty))
			.withMessageContaining("empty.txt holds no pattern");
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("", "nothing"))
			.withMessageContaining("nothing holds no pattern");
	}

	@Test
	void skipsAByteOrderMarkAtTheStartOfEveryFormat() throws IOException {
		Path rle = Files.writeString(this.directory.resolve("bom.rle"), "\uFEFFx = 3, y = 1\n3o!\n");
		Path detected = Files.writeString(this.directory.resolve("bom-rle.txt"), "\uFEFFx = 3, y = 1\n3o!\n");
		Path plain = Files.writeString(this.directory.resolve("bom.txt"), "\uFEFF***\n");
		Path cells = Files.writeString(this.directory.resolve("bom.cells"), "\uFEFF!Name: Blinker\nOOO\n");

		for (Path file : new Path[] { rle, detected, plain, cells }) {
			assertThat(PatternReader.read(file).cells()).as(file.getFileName().toString())
				.isEqualTo(Grids.of("***"));
		}
		assertThat(PatternReader.parse("\uFEFF-*-\n", "bom").cells()).isEqualTo(Grids.of("-*-"));
	}

	@Test
	void showsInvisibleCharactersInItsMessagesAsEscapes() {
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.parse("**\n*\uFEFF\n", "joined.txt"))
			.withMessageStartingWith("joined.txt line 2 column 2: '\\ufeff' is not a cell");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parseRle(new StringReader("x\u00A0= 3, y = 1\n3o!\n"), "nbsp.rle"))
			.withMessageContaining("found 'x\\u00a0= 3, y = 1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatternReader.parseRle(new StringReader("x = 1, y = 1\n\u200Bo!\n"), "zwsp.rle"))
			.withMessageContaining("zwsp.rle line 2: unknown tag '\\u200b'");
	}

	@Test
	void refusesAFileThatIsNotUtf8TextNamingItAndWhatAPatternIs() throws IOException {
		Path binary = Files.write(this.directory.resolve("glider.png"),
				new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		Path latin1 = Files.write(this.directory.resolve("latin1.rle"),
				"#C caf\u00e9\nx = 1, y = 1\no!\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.read(binary))
			.withMessage("pattern=%s is not a UTF-8 text file (a binary file, or text in another encoding); a pattern "
					+ "is text: RLE (a file named .rle), LifeWiki's plaintext ('O' alive, '.' dead) or the book's "
					+ "plain text ('*' alive, '-' dead)", binary);
		assertThatIllegalArgumentException().isThrownBy(() -> PatternReader.read(latin1))
			.withMessageStartingWith("pattern=%s is not a UTF-8 text file", latin1);
	}

}
