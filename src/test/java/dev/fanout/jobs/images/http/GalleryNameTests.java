package dev.fanout.jobs.images.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GalleryNameTests {

	@Test
	void namesAnImageByTheSourcesSha256AndTheOutputSize() {
		byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
		// SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
		assertThat(GalleryName.of(abc, new Dimensions(320, 240), ImageFormat.JPEG))
			.isEqualTo("ba7816bf8f01cfea-320x240.jpg");
		assertThat(GalleryName.of(abc, new Dimensions(7, 9), ImageFormat.PNG)).isEqualTo("ba7816bf8f01cfea-7x9.png");
	}

	@Test
	void givesTheSameNameForTheSameSourceAndDifferentNamesForDifferentOnes() {
		byte[] one = SampleImages.jpeg(64, 48, 1);
		byte[] other = SampleImages.jpeg(64, 48, 2);
		Dimensions size = new Dimensions(64, 48);

		assertThat(GalleryName.of(one, size, ImageFormat.JPEG)).isEqualTo(GalleryName.of(one.clone(), size,
				ImageFormat.JPEG));
		assertThat(GalleryName.of(one, size, ImageFormat.JPEG)).isNotEqualTo(GalleryName.of(other, size,
				ImageFormat.JPEG));
	}

	@Test
	void acceptsOnlyPlainFileNames() {
		assertThat(GalleryName.requireSafe("ba7816bf8f01cfea-320x240.jpg")).isEqualTo("ba7816bf8f01cfea-320x240.jpg");
		for (String unsafe : new String[] { "../secret.jpg", "a/b.jpg", ".hidden", "", "a b.jpg", "x..jpg" }) {
			assertThatIllegalArgumentException().as(unsafe).isThrownBy(() -> GalleryName.requireSafe(unsafe));
		}
	}

}
