package dev.fanout.jobs.openssl.chain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestTests {

	@TempDir
	Path directory;

	@Test
	void countsHowTheChainsEndedWhateverTheirNamesAndProblemsHold() throws Exception {
		Path rows = Files.createDirectories(this.directory.resolve("rows"));
		Manifest.writeRow(rows, 0, new ChainResult("a,\"b\".txt", ChainResult.Status.OK, List.of(0, 0, 0), 3, 32,
				"ab12", Duration.ofMillis(40), ""), "sha256");
		Manifest.writeRow(rows, 1, new ChainResult("c.txt", ChainResult.Status.TIMED_OUT, List.of(-1, 0, 0), 3, 0, "",
				Duration.ofMillis(2), "ran 2.0 ms, longer than the timeout of 1ms, \"OK\""), "sha256");
		List<OpensslInput> inputs = List.of(new OpensslInput(0, "a,\"b\".txt", this.directory.resolve("a"), 0),
				new OpensslInput(1, "c.txt", this.directory.resolve("c"), 0));

		var counts = Manifest.write(this.directory.resolve("manifest.csv"), rows, inputs);

		assertThat(counts).containsEntry(ChainResult.Status.OK, 1).containsEntry(ChainResult.Status.TIMED_OUT, 1);
		assertThat(Manifest.fields(Files.readAllLines(this.directory.resolve("manifest.csv")).get(1)))
			.startsWith("a,\"b\".txt", "3", "32");
	}

}
