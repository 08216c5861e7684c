package dev.fanout.jobs.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.codec.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed sample inputs are exactly what {@link SampleInputs} generates, so anyone can reproduce them. */
class SampleInputsTests {

	@Test
	void committedSampleInputsEqualTheGeneratorsOutput() throws IOException {
		Map<String, byte[]> generated = SampleInputs.generate();
		try (Stream<Path> files = Files.list(SampleInputs.DIRECTORY)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
					generated.keySet());
		}
		for (Map.Entry<String, byte[]> file : generated.entrySet()) {
			byte[] committed = Files.readAllBytes(SampleInputs.DIRECTORY.resolve(file.getKey()));
			if (file.getKey().endsWith(".png")) {
				// PNG bytes depend on the zlib under the JDK's deflater: compare the pixels instead.
				assertSamePixels(file.getKey(), committed, file.getValue());
			}
			else {
				assertThat(committed).as(file.getKey()).isEqualTo(file.getValue());
			}
		}
	}

	@Test
	void sampleInputsStayUnder300KilobytesInAll() {
		assertThat(SampleInputs.generate().values().stream().mapToInt((bytes) -> bytes.length).sum())
			.isLessThan(300 * 1024);
	}

	private static void assertSamePixels(String name, byte[] committed, byte[] generated) {
		BufferedImage a = TestImages.decode(committed);
		BufferedImage b = TestImages.decode(generated);
		assertThat(a.getWidth()).as(name).isEqualTo(b.getWidth());
		assertThat(a.getHeight()).as(name).isEqualTo(b.getHeight());
		assertThat(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth())).as(name)
			.isEqualTo(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
	}

}
