package dev.fanout.jobs.images.codec;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fanout.jobs.images.codec.TestImages;
import dev.fanout.jobs.images.samples.SampleImages;
import dev.fanout.jobs.images.samples.Scene;

import static dev.fanout.jobs.images.codec.TestImages.BLUE;
import static dev.fanout.jobs.images.codec.TestImages.GREEN;
import static dev.fanout.jobs.images.codec.TestImages.RED;
import static dev.fanout.jobs.images.codec.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageResizerTests {

	private static final long MAX_PIXELS = 50_000_000;

	private final ImageResizer resizer = new ImageResizer(new ResizeSettings(320, 240, 0.8f), MAX_PIXELS);

	@Test
	void fitsALandscapeJpegWithinTheBoundsInTheSameFormat() throws Exception {
		ResizedImage resized = this.resizer.resize(SampleImages.jpeg(1600, 1200, 1));

		assertThat(resized.format()).isEqualTo(ImageFormat.JPEG);
		assertThat(ImageFormat.sniff(resized.bytes())).contains(ImageFormat.JPEG);
		assertThat(resized.size()).isEqualTo(new Dimensions(320, 240));
		BufferedImage decoded = TestImages.decode(resized.bytes());
		assertThat(new Dimensions(decoded.getWidth(), decoded.getHeight())).isEqualTo(resized.size());
	}

	@ParameterizedTest
	@CsvSource({ "1000, 500, 320, 160", "500, 1000, 120, 240", "641, 479, 320, 239", "3000, 7, 320, 1",
			"333, 241, 320, 232", "1, 2000, 1, 240" })
	void keepsTheAspectRatioWithinOnePixel(int width, int height, int expectedWidth, int expectedHeight)
			throws Exception {
		ResizedImage resized = this.resizer.resize(SampleImages.png(width, height, 7));

		assertThat(resized.size()).isEqualTo(new Dimensions(expectedWidth, expectedHeight));
		assertThat(expectedWidth).isLessThanOrEqualTo(320);
		assertThat(expectedHeight).isLessThanOrEqualTo(240);
		// |w/h − W/H| within one pixel on the side that was derived from the other.
		double exactHeight = (double) expectedWidth * height / width;
		double exactWidth = (double) expectedHeight * width / height;
		assertThat(Math.min(Math.abs(exactHeight - expectedHeight), Math.abs(exactWidth - expectedWidth)))
			.isLessThanOrEqualTo(1.0);
	}

	@Test
	void neverScalesASmallImageUp() throws Exception {
		ResizedImage resized = this.resizer.resize(SampleImages.jpeg(200, 150, 4));

		assertThat(resized.size()).isEqualTo(new Dimensions(200, 150));
		assertThat(TestImages.decode(resized.bytes()).getWidth()).isEqualTo(200);
	}

	/**
	 * A stored 400×300 image in four colours, tagged with each orientation; expected: which stored quadrant shows in
	 * each corner (top-left, top-right, bottom-left, bottom-right), from the EXIF definitions of row 0 and column 0.
	 */
	@ParameterizedTest
	@CsvSource({ "1, RED, GREEN, BLUE, WHITE", "2, GREEN, RED, WHITE, BLUE", "3, WHITE, BLUE, GREEN, RED",
			"4, BLUE, WHITE, RED, GREEN", "5, RED, BLUE, GREEN, WHITE", "6, BLUE, RED, WHITE, GREEN",
			"7, WHITE, GREEN, BLUE, RED", "8, GREEN, WHITE, RED, BLUE" })
	void turnsTheImageUprightAsItsExifOrientationSays(int orientation, String topLeft, String topRight,
			String bottomLeft, String bottomRight) throws Exception {
		byte[] tagged = SampleImages.withExifOrientation(TestImages.quadrants(400, 300), orientation);

		ResizedImage resized = this.resizer.resize(tagged);

		Dimensions expected = (orientation >= 5) ? new Dimensions(180, 240) : new Dimensions(320, 240);
		assertThat(resized.size()).isEqualTo(expected);
		BufferedImage image = TestImages.decode(resized.bytes());
		int right = image.getWidth() - 10;
		int bottom = image.getHeight() - 10;
		assertThat(List.of(image.getRGB(10, 10), image.getRGB(right, 10), image.getRGB(10, bottom),
				image.getRGB(right, bottom)))
			.zipSatisfy(List.of(color(topLeft), color(topRight), color(bottomLeft), color(bottomRight)),
					(actual, wanted) -> assertThat(TestImages.near(actual, wanted, 24))
						.as("%06x near %06x", actual & 0xffffff, wanted)
						.isTrue());
	}

	@Test
	void turnsAPortraitTakenWithACameraHeldSidewaysUpright() throws Exception {
		byte[] stored = SampleImages.rotatedByCamera(750, 1000, 3);
		BufferedImage raw = TestImages.decode(stored); // ImageIO ignores the tag: the stored pixels
		assertThat(raw.getWidth()).isGreaterThan(raw.getHeight());

		ResizedImage resized = this.resizer.resize(stored);

		assertThat(resized.size()).isEqualTo(new Dimensions(180, 240));
		// The sky (stored on the left) is now on top: the top row looks like the stored left column.
		BufferedImage upright = TestImages.decode(resized.bytes());
		assertThat(TestImages.near(upright.getRGB(90, 2), raw.getRGB(2, raw.getHeight() / 2), 24)).isTrue();
		assertThat(TestImages.near(upright.getRGB(90, 2), raw.getRGB(raw.getWidth() - 3, raw.getHeight() / 2), 24))
			.isFalse();
	}

	@Test
	void keepsTheAlphaChannelOfAPng() throws Exception {
		ResizedImage resized = this.resizer.resize(SampleImages.png(600, 900, 2));

		assertThat(resized.format()).isEqualTo(ImageFormat.PNG);
		assertThat(resized.size()).isEqualTo(new Dimensions(160, 240));
		BufferedImage image = TestImages.decode(resized.bytes());
		assertThat(image.getColorModel().hasAlpha()).isTrue();
		assertThat(image.getRGB(80, 0) >>> 24).isLessThan(16); // the sky fades out at the top
		assertThat(image.getRGB(80, 200) >>> 24).isEqualTo(255); // the ground is opaque
	}

	@Test
	void encodesSmallerJpegsAtALowerQuality() throws Exception {
		byte[] source = SampleImages.jpeg(1600, 1200, 1);

		int low = new ImageResizer(new ResizeSettings(640, 480, 0.3f), MAX_PIXELS).resize(source).bytes().length;
		int high = new ImageResizer(new ResizeSettings(640, 480, 0.95f), MAX_PIXELS).resize(source).bytes().length;

		assertThat(low).isLessThan(high * 2 / 3);
	}

	@Test
	void plansTheSizeThatResizeProducesFromTheHeaderAlone() throws Exception {
		List<byte[]> inputs = List.of(SampleImages.jpeg(1600, 1200, 1), SampleImages.png(333, 241, 2),
				SampleImages.rotatedByCamera(750, 1000, 3), SampleImages.jpeg(200, 150, 4),
				SampleImages.cmykJpeg(800, 600, 5), SampleImages.withExifOrientation(TestImages.quadrants(51, 13), 8));
		for (byte[] input : inputs) {
			assertThat(this.resizer.plan(input)).isEqualTo(this.resizer.resize(input).size());
		}
	}

	@Test
	void rejectsDataThatIsNotAnImage() {
		assertRejected("GIF89a and more".getBytes(), "not a JPEG or PNG image");
		assertRejected(new byte[0], "not a JPEG or PNG image");
	}

	@Test
	void rejectsATruncatedJpegRatherThanReturningAPartialImage() throws Exception {
		byte[] jpeg = SampleImages.jpeg(640, 480, 1);
		byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
		assertThat(this.resizer.plan(truncated)).isEqualTo(new Dimensions(320, 240)); // the header is intact

		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> this.resizer.resize(truncated))
			.satisfies((ex) -> assertThat(ex.reason())
				.matches("corrupt or truncated JPEG data \\((?i).*(missing EOI|premature end).*\\)"));
	}

	@Test
	void rejectsATruncatedPngAndAJpegCutInItsHeader() {
		byte[] png = SampleImages.png(640, 480, 1);
		assertRejectedStartingWith(Arrays.copyOf(png, png.length / 2), "corrupt or truncated PNG data (");
		assertRejectedStartingWith(Arrays.copyOf(SampleImages.jpeg(640, 480, 1), 100),
				"corrupt or truncated JPEG data (");
	}

	@Test
	void rejectsImagesAboveThePixelLimitBeforeDecodingThem() throws Exception {
		String reason = "image too large: 30000×30000 pixels, the limit is 50,000,000";
		byte[] bomb = TestImages.withJpegSize(SampleImages.jpeg(64, 48, 1), 30000, 30000);
		assertRejected(bomb, reason);
		assertRejected(TestImages.pngHeader(30000, 30000), reason);
		// Just under the limit, the same header is planned (and would be decoded).
		ImageResizer generous = new ImageResizer(new ResizeSettings(320, 240, 0.8f), 900_000_000);
		assertThat(generous.plan(TestImages.pngHeader(30000, 30000))).isEqualTo(new Dimensions(240, 240));
	}

	@Test
	void resizesACmykJpegWithTwelveMonkeysReader() throws Exception {
		byte[] cmyk = SampleImages.cmykJpeg(800, 600, 5);
		assertThat(TestImages.jpegComponents(cmyk)).isEqualTo(4);
		// JDK 21's own reader rejects CMYK ("Unsupported Image Type"); later ones decode it without ICC support.
		assertThat(ImageCodecs.jpegReaderName()).startsWith("com.twelvemonkeys.");

		ResizedImage resized = this.resizer.resize(cmyk);

		assertThat(resized.size()).isEqualTo(new Dimensions(320, 240));
		BufferedImage rgb = TestImages.decode(resized.bytes());
		BufferedImage original = Scene.paint(800, 600, 5, false, "CMYK");
		// The sun, at a quarter of the width and a fifth of the height, keeps its colour through CMYK and back.
		assertThat(TestImages.near(rgb.getRGB(80, 48), original.getRGB(200, 120), 24)).isTrue();
	}

	@Test
	void givesTheSameBytesFromManyThreadsAsFromOne() throws Exception {
		List<byte[]> inputs = List.of(SampleImages.jpeg(800, 600, 11), SampleImages.png(500, 700, 12),
				SampleImages.cmykJpeg(400, 300, 13), SampleImages.rotatedByCamera(300, 400, 14));
		List<byte[]> sequential = new ArrayList<>();
		for (byte[] input : inputs) {
			sequential.add(this.resizer.resize(input).bytes());
		}
		List<Future<byte[]>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 48; i++) {
				byte[] input = inputs.get(i % inputs.size());
				results.add(pool.submit(() -> this.resizer.resize(input).bytes()));
			}
		}
		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).get()).as("result %d", i).isEqualTo(sequential.get(i % inputs.size()));
		}
	}

	@Test
	void validatesItsSettings() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ResizeSettings(0, 240, 0.8f))
			.withMessage("the maximum size must be positive, not 0×240");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ResizeSettings(320, 240, 0))
			.withMessage("the JPEG quality must be greater than 0 and at most 1, not 0.0");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new ResizeSettings(320, 240, Float.NaN));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new ResizeSettings(320, 240, 1.01f));
	}

	private void assertRejected(byte[] data, String reason) {
		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> this.resizer.plan(data))
			.withMessage(reason);
		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> this.resizer.resize(data))
			.withMessage(reason);
	}

	private void assertRejectedStartingWith(byte[] data, String prefix) {
		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> this.resizer.resize(data))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith(prefix));
	}

	private static int color(String name) {
		return switch (name) {
			case "RED" -> RED;
			case "GREEN" -> GREEN;
			case "BLUE" -> BLUE;
			default -> WHITE;
		};
	}

}
