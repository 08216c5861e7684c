package dev.fanout.jobs.factorize.numbers;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NumberListTests {

	@Test
	void parsesACommaSeparatedList() {
		assertThat(NumberList.parseList("2139079,1214759,1516637,1852285")).containsExactly(2139079L, 1214759L,
				1516637L, 1852285L);
	}

	@Test
	void parsesAListWithSpacesALeadingPlusAndTheLargestLong() {
		assertThat(NumberList.parseList(" 12 , +7,1 ,9223372036854775807")).containsExactly(12L, 7L, 1L,
				Long.MAX_VALUE);
	}

	@Test
	void keepsDuplicatesAndOrderOfAList() {
		assertThat(NumberList.parseList("5,3,5,1")).containsExactly(5L, 3L, 5L, 1L);
	}

	@Test
	void rejectsAValueInAListThatIsNotANumberNamingItsPosition() {
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1,2,abc"))
			.withMessageContaining("value 3")
			.withMessageContaining("abc")
			.withMessageContaining("not a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1.5"))
			.withMessageContaining("value 1")
			.withMessageContaining("1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1 2"))
			.withMessageContaining("1 2");
	}

	@Test
	void rejectsAnEmptyValueInAList() {
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1,,2"))
			.withMessageContaining("value 2")
			.withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1,2,"))
			.withMessageContaining("value 3")
			.withMessageContaining("empty");
	}

	@Test
	void rejectsAnEmptyList() {
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList(""))
			.withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("   "))
			.withMessageContaining("empty");
	}

	@Test
	void rejectsValuesInAListThatAreNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("4,0"))
			.withMessageContaining("value 2")
			.withMessageContaining("0 is not positive");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("-5,4"))
			.withMessageContaining("value 1")
			.withMessageContaining("-5 is not positive");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("+0"))
			.withMessageContaining("not positive");
	}

	@Test
	void rejectsValuesInAListThatAreTooLarge() {
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("1,99999999999999999999"))
			.withMessageContaining("value 2")
			.withMessageContaining("99999999999999999999")
			.withMessageContaining("too large")
			.withMessageContaining("9223372036854775807");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("9223372036854775808"))
			.withMessageContaining("too large");
	}

	@Test
	void parsesLinesSkippingCommentsAndBlankLines() throws IOException {
		String content = """
				# the book's numbers
				2139079

				  1214759  \t
				1516637 # a comment after the number
				   # an indented comment
				+1852285
				""";

		assertThat(parseLines(content)).containsExactly(2139079L, 1214759L, 1516637L, 1852285L);
	}

	@Test
	void parsesLinesWithWindowsLineEndingsAndNoFinalNewline() throws IOException {
		assertThat(parseLines("12\r\n7\r\n5")).containsExactly(12L, 7L, 5L);
	}

	@Test
	void rejectsALineThatIsNotANumberNamingTheSourceAndLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("12\n\nabc\n7\n"))
			.withMessageContaining("numbers.txt")
			.withMessageContaining("line 3")
			.withMessageContaining("abc");
	}

	@Test
	void countsCommentAndBlankLinesInLineNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("# header\n\n1\n# more\n2x\n"))
			.withMessageContaining("line 5")
			.withMessageContaining("2x");
	}

	@Test
	void rejectsLinesThatAreNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("1\n0\n"))
			.withMessageContaining("line 2")
			.withMessageContaining("0 is not positive");
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("-5\n"))
			.withMessageContaining("line 1")
			.withMessageContaining("-5 is not positive");
	}

	@Test
	void rejectsALineThatIsTooLarge() {
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("1\n2\n3\n99999999999999999999\n"))
			.withMessageContaining("line 4")
			.withMessageContaining("99999999999999999999")
			.withMessageContaining("too large")
			.withMessageContaining("9223372036854775807");
	}

	@Test
	void rejectsInputWithoutNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines(""))
			.withMessageContaining("numbers.txt")
			.withMessageContaining("holds no numbers");
		assertThatIllegalArgumentException().isThrownBy(() -> parseLines("# only a comment\n\n   \n# 12\n"))
			.withMessageContaining("numbers.txt")
			.withMessageContaining("holds no numbers");
	}

	@Test
	void skipsAByteOrderMarkAtTheStartOfAFile(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("bom.txt");
		Files.write(file, "\uFEFF2139079\n1214759\n".getBytes(StandardCharsets.UTF_8));

		assertThat(NumberList.parseFile(file)).containsExactly(2139079L, 1214759L);
	}

	@Test
	void showsAnInvisibleCharacterInABadValueAsAnEscape() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NumberList.parseLines(new StringReader("12\n\uFEFF13\n"), "joined.txt"))
			.withMessage("joined.txt line 2: '\\ufeff13' is not a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseList("12,1\u200B3"))
			.withMessage("numbers: value 2: '1\\u200b3' is not a whole number");
	}

	@Test
	void refusesAFileThatIsNotUtf8TextNamingItAndWhatItShouldBe(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("numbers.bin");
		Files.write(file, new byte[] { '1', (byte) 0xC3, '\n', 0, (byte) 0xFF });

		assertThatIllegalArgumentException().isThrownBy(() -> NumberList.parseFile(file))
			.withMessage("file=%s is not a UTF-8 text file (a binary file, or text in another encoding); give a text "
					+ "file with one positive whole number per line", file);
	}

	private static List<Long> parseLines(String content) throws IOException {
		return NumberList.parseLines(new StringReader(content), "numbers.txt");
	}

}
