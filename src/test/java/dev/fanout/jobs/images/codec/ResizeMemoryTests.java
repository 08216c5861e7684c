package dev.fanout.jobs.images.codec;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.codec.TestImages;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Decoded pixels stay within a byte budget: huge sources are decoded subsampled, concurrent resizes wait for each
 * other's memory, and an image that cannot fit alone is skipped with a reason naming the setting. The budgets here
 * are small and explicit instead of the heap being small.
 */
class ResizeMemoryTests {

	private static final long MIB = 1 << 20;

	private static final ResizeSettings THUMBNAIL = new ResizeSettings(320, 240, 0.8f);

	@Test
	void subsamplesOnlySourcesMuchLargerThanTheirOutput() {
		// Ordinary photos decode whole, as before.
		assertThat(ImageResizer.subsampling(new Dimensions(1600, 1200), new Dimensions(320, 240))).isEqualTo(1);
		assertThat(ImageResizer.subsampling(new Dimensions(4000, 3000), new Dimensions(320, 240))).isEqualTo(1);
		assertThat(ImageResizer.subsampling(new Dimensions(3000, 2000), new Dimensions(320, 213))).isEqualTo(1);
		// 29× the output: every 3rd pixel still leaves 9.7× the output to smooth.
		assertThat(ImageResizer.subsampling(new Dimensions(7000, 7000), new Dimensions(240, 240))).isEqualTo(3);
		assertThat(ImageResizer.subsampling(new Dimensions(48000, 1000), new Dimensions(320, 7))).isEqualTo(17);
	}

	@Test
	void resizesAHugePngUnderABudgetSmallerThanItsWholeDecodedPixels() throws Exception {
		// Just under the default max-pixels; decoded whole it would take 196 MB (392 MB as estimated).
		byte[] huge = TestImages.flatPng(7000, 7000, 0x3366ccff);
		assertThat(huge.length).isLessThan(300_000);
		ResizeMemory memory = ResizeMemory.of(64 * MIB);

		ResizedImage resized = new ImageResizer(THUMBNAIL, 50_000_000, memory).resize(huge);

		assertThat(resized.size()).isEqualTo(new Dimensions(240, 240));
		BufferedImage image = TestImages.decode(resized.bytes());
		assertThat(image.getRGB(120, 120)).isEqualTo(0xff3366cc);
		assertThat(memory.peak()).isEqualTo(ImageResizer.decodeMemory(new Dimensions(2334, 2334), 4))
			.isLessThanOrEqualTo(64 * MIB);
	}

	@Test
	void decodesLargeJpegsSubsampledTooAsPlannedAndUpright() throws Exception {
		// 20× an 80×60 output on each side: decoded every 2nd pixel (3rd for the turned one), in each JPEG flavour.
		List<byte[]> inputs = List.of(SampleImages.jpeg(1600, 1200, 1), SampleImages.cmykJpeg(1600, 1200, 5),
				SampleImages.rotatedByCamera(1200, 1600, 3));
		ResizeMemory memory = ResizeMemory.of(8 * MIB); // less than one of them decoded whole (14.6 MiB estimated)
		ImageResizer resizer = new ImageResizer(new ResizeSettings(80, 60, 0.8f), 50_000_000, memory);

		for (byte[] input : inputs) {
			ResizedImage resized = resizer.resize(input);
			assertThat(resized.size()).isEqualTo(resizer.plan(input));
			BufferedImage image = TestImages.decode(resized.bytes());
			assertThat(image.getWidth()).isEqualTo(resized.size().width());
			assertThat(image.getHeight()).isEqualTo(resized.size().height());
		}
		assertThat(resizer.plan(inputs.get(2))).isEqualTo(new Dimensions(45, 60));
		assertThat(memory.peak()).isEqualTo(ImageResizer.decodeMemory(new Dimensions(800, 600), 4));
	}

	@Test
	void skipsAnImageThatCannotFitTheWholeBudgetAloneNamingTheSetting() throws Exception {
		byte[] png = TestImages.flatPng(1000, 1000, 0xffffffff); // not subsampled: 1000 < 16 × 240
		ImageResizer resizer = new ImageResizer(THUMBNAIL, 50_000_000, ResizeMemory.of(4 * MIB));

		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> resizer.resize(png))
			.withMessage("image too large to resize in memory: its 1000×1000 pixels need about 7.6 MiB decoded, "
					+ "more than fanout.images.resize-memory=4 MiB");
		// The header alone still plans it: the name and size do not depend on the budget.
		assertThat(resizer.plan(png)).isEqualTo(new Dimensions(240, 240));
	}

	@Test
	void countsSixteenBitPixelsTwice() throws Exception {
		// 1000×1000 RGBA: 7.6 MiB as estimated at 8 bits per sample, 15.3 MiB at 16.
		ImageResizer resizer = new ImageResizer(THUMBNAIL, 50_000_000, ResizeMemory.of(10 * MIB));

		assertThat(resizer.resize(TestImages.flatPng(1000, 1000, 0x336699ff, 8)).size())
			.isEqualTo(new Dimensions(240, 240));
		assertThatExceptionOfType(ImageRejectedException.class)
			.isThrownBy(() -> resizer.resize(TestImages.flatPng(1000, 1000, 0x336699ff, 16)))
			.withMessageContaining("its 1000×1000 pixels need about 15.3 MiB decoded");
	}

	@Test
	void theDefaultBudgetIsHalfTheHeapAndSaysHowToRaiseIt() {
		ResizeMemory memory = ResizeMemory.ofHeap();

		assertThat(memory.budget()).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
		assertThat(memory.describe()).startsWith("fanout.images.resize-memory (")
			.endsWith("half the maximum heap; raise -Xmx or set fanout.images.resize-memory)");
	}

	@Test
	void concurrentResizesNeverHoldMoreThanTheBudget() throws Exception {
		// Each needs 2000 × 1500 × 8 bytes = 22.9 MiB as estimated; the budget admits one at a time, not six.
		byte[] png = TestImages.flatPng(2000, 1500, 0x20a040ff);
		long each = ImageResizer.decodeMemory(new Dimensions(2000, 1500), 4);
		ResizeMemory memory = ResizeMemory.of(each * 3 / 2);
		ImageResizer resizer = new ImageResizer(THUMBNAIL, 50_000_000, memory);
		List<Future<ResizedImage>> results = new ArrayList<>();

		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			for (int i = 0; i < 12; i++) {
				results.add(pool.submit(() -> resizer.resize(png)));
			}
		}

		for (Future<ResizedImage> result : results) {
			assertThat(result.get().size()).isEqualTo(new Dimensions(320, 240));
		}
		assertThat(memory.peak()).isEqualTo(each);
	}

}
