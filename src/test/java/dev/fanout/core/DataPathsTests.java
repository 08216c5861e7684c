package dev.fanout.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DataPathsTests {

	@TempDir
	Path temp;

	private Path dataDir;

	private Path dataDir() throws IOException {
		if (this.dataDir == null) {
			this.dataDir = Files.createDirectories(this.temp.resolve("data")).toAbsolutePath().normalize();
		}
		return this.dataDir;
	}

	@Test
	void resolvesARelativePathInsideTheDataDirectory() throws IOException {
		Path resolved = DataPaths.resolveInside(dataDir(), "file", "inputs/numbers.txt");

		assertThat(resolved).isEqualTo(dataDir().resolve("inputs").resolve("numbers.txt"));
		assertThat(resolved).startsWithRaw(dataDir()).isAbsolute();
	}

	@Test
	void normalizesDotSegmentsThatStayInside() throws IOException {
		assertThat(DataPaths.resolveInside(dataDir(), "file", "./inputs/../numbers.txt"))
			.isEqualTo(dataDir().resolve("numbers.txt"));
	}

	@Test
	void acceptsAnAbsolutePathInsideTheDataDirectory() throws IOException {
		Path inside = dataDir().resolve("out").resolve("result.csv");

		assertThat(DataPaths.resolveInside(dataDir(), "output", inside.toString())).isEqualTo(inside);
	}

	@Test
	void rejectsARelativePathThatClimbsOutOfTheDataDirectory() throws IOException {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.resolveInside(dataDir(), "file", "../../etc/passwd"))
			.withMessageContaining("file=../../etc/passwd")
			.withMessageContaining("outside the data directory")
			.withMessageContaining(dataDir().toString());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.resolveInside(dataDir(), "file", "inputs/../../secret.txt"))
			.withMessageContaining("file=inputs/../../secret.txt");
	}

	@Test
	void rejectsASiblingDirectoryThatSharesTheDataDirectorysNamePrefix() throws IOException {
		Files.createDirectories(this.temp.resolve("data-other"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.resolveInside(dataDir(), "file", "../data-other/numbers.txt"))
			.withMessageContaining("file=../data-other/numbers.txt");
	}

	@Test
	void confinesAnAbsolutePathOutsideTheDataDirectoryButTakesItAsAnInputFile() throws IOException {
		Path outside = this.temp.resolve("elsewhere.txt").toAbsolutePath();
		Files.writeString(outside, "12\n");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.resolveInside(dataDir(), "output", outside.toString()))
			.withMessageContaining("output=" + outside)
			.withMessageContaining("outside the data directory");
		// Input files are not confined here: the command line reads any, the server's launch path confines.
		assertThat(DataPaths.existingInputFile(dataDir(), "file", outside.toString())).isEqualTo(outside);
	}

	@Test
	void findsAnExistingFileInside() throws IOException {
		Path file = Files.createDirectories(dataDir().resolve("inputs")).resolve("numbers.txt");
		Files.writeString(file, "12\n");

		assertThat(DataPaths.existingInputFile(dataDir(), "file", "inputs/numbers.txt")).isEqualTo(file);
	}

	@Test
	void rejectsAMissingFile() throws IOException {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.existingInputFile(dataDir(), "file", "missing.txt"))
			.withMessageContaining("file=missing.txt")
			.withMessageContaining("no readable file")
			.withMessageContaining(dataDir().resolve("missing.txt").toString());
	}

	/** Launches store input files absolute: the message names the path once. */
	@Test
	void rejectsAMissingAbsoluteFileNamingItOnce() throws IOException {
		String missing = dataDir().resolve("missing.txt").toString();

		assertThatIllegalArgumentException().isThrownBy(() -> DataPaths.existingInputFile(dataDir(), "file", missing))
			.withMessage("file=%s: no readable file", missing);
	}

	@Test
	void rejectsADirectoryWhereAFileIsExpected() throws IOException {
		Files.createDirectories(dataDir().resolve("inputs"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.existingInputFile(dataDir(), "file", "inputs"))
			.withMessageContaining("file=inputs")
			.withMessageContaining("no readable file");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.existingInputFile(dataDir(), "file", "."))
			.withMessageContaining("file=.")
			.withMessageContaining("no readable file");
	}

	@Test
	void listsTheRegularFilesOfADirectoryButRefusesABrokenLinkInsteadOfDroppingIt() throws IOException {
		Path source = Files.createDirectories(dataDir().resolve("in"));
		Files.writeString(source.resolve("b.txt"), "b");
		Files.writeString(source.resolve("a.txt"), "a");
		Files.writeString(source.resolve(".hidden"), "h");
		Files.createDirectories(source.resolve("sub"));
		assertThat(DataPaths.filesOf(dataDir(), "source", source)).containsExactly(source.resolve("a.txt"),
				source.resolve("b.txt"));

		Files.createSymbolicLink(source.resolve("c.txt"), Path.of("gone.txt"));

		assertThatIllegalArgumentException().isThrownBy(() -> DataPaths.filesOf(dataDir(), "source", source))
			.withMessage("source=%s: c.txt is a broken link (to gone.txt); fix the link or remove it", source);
	}

	@Test
	void listsALinkToAFileInsideButRefusesOneLeadingOutside() throws IOException {
		Path source = Files.createDirectories(dataDir().resolve("in"));
		Files.writeString(source.resolve("a.txt"), "a");
		Path kept = Files.writeString(Files.createDirectories(dataDir().resolve("kept")).resolve("k.txt"), "k");
		Files.createSymbolicLink(source.resolve("b.txt"), kept);
		assertThat(DataPaths.filesOf(dataDir(), "source", source)).containsExactly(source.resolve("a.txt"),
				source.resolve("b.txt"));

		Path secret = Files.writeString(Files.createDirectories(this.temp.resolve("outside")).resolve("s.txt"), "s");
		Files.createSymbolicLink(source.resolve("c.txt"), secret);

		assertThatIllegalArgumentException().isThrownBy(() -> DataPaths.filesOf(dataDir(), "source", source))
			.withMessageStartingWith("source=%s: c.txt links to %s, outside the data directory", source,
					secret.toRealPath());
	}

	@Test
	void listsTheLinksOfADirectoryOutsideTheDataDirectoryWhereverTheyLead() throws IOException {
		Path source = Files.createDirectories(this.temp.resolve("photos"));
		Files.writeString(source.resolve("a.txt"), "a");
		Path elsewhere = Files.writeString(Files.createDirectories(this.temp.resolve("elsewhere")).resolve("e.txt"), "e");
		Files.createSymbolicLink(source.resolve("b.txt"), elsewhere);

		assertThat(DataPaths.filesOf(dataDir(), "source", source)).containsExactly(source.resolve("a.txt"),
				source.resolve("b.txt"));
	}

	@Test
	void boundsWhatADirectoryReadsByWhereItsPathIsNotWhereItsLinksLead() throws IOException {
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Files.createSymbolicLink(dataDir().resolve("in"), outside);

		assertThat(DataPaths.readBoundary(dataDir(), dataDir().resolve("in"))).isEqualTo(dataDir().toRealPath());
		assertThat(DataPaths.readBoundary(dataDir(), dataDir().resolve("../outside")))
			.isEqualTo(outside.getRoot());
		assertThat(DataPaths.readBoundary(dataDir(), outside)).isEqualTo(outside.getRoot());
	}

	@Test
	void rejectsAPathThatDoesNotExistYetUnderALinkLeadingOutside() throws IOException {
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Files.createSymbolicLink(dataDir().resolve("link"), outside);

		assertThatIllegalArgumentException().isThrownBy(() -> DataPaths.resolveInside(dataDir(), "target", "link/new"))
			.withMessageContaining("target=link/new points outside the data directory");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataPaths.resolveInside(dataDir(), "target", "link/new/deeper"));
		// A link that stays inside is fine, and so is a path that does not exist yet under a real directory.
		Files.createSymbolicLink(dataDir().resolve("alias"), Files.createDirectories(dataDir().resolve("real")));
		assertThat(DataPaths.resolveInside(dataDir(), "target", "alias/new")).isEqualTo(dataDir().resolve("alias/new"));
		assertThat(DataPaths.resolveInside(dataDir(), "target", "out/new/deeper"))
			.isEqualTo(dataDir().resolve("out/new/deeper"));
	}

	@Test
	void refusesAnOutputDirectoryThatIsALinkLeadingOutOrBroken() throws IOException {
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Path output = Files.createDirectories(dataDir().resolve("out/openssl")).resolve("instance-1");
		assertThat(DataPaths.requireInside(dataDir(), output)).isEqualTo(output);

		Files.createSymbolicLink(output, outside);

		assertThatIllegalStateException().isThrownBy(() -> DataPaths.requireInside(dataDir(), output))
			.withMessage("%s leads to %s, outside the data directory %s; remove the link: jobs write only inside the data directory",
					output, outside.toRealPath(), dataDir());
		assertThatIllegalStateException().isThrownBy(() -> DataPaths.requireInside(dataDir(), output.resolve("manifest.csv")))
			.withMessageContaining("outside the data directory");
		Files.delete(output);
		Files.createSymbolicLink(output, this.temp.resolve("gone"));
		assertThatIllegalStateException().isThrownBy(() -> DataPaths.requireInside(dataDir(), output.resolve("a.enc")))
			.withMessageContaining("a link on its way is broken");
	}

}
