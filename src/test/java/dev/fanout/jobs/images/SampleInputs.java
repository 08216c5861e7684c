package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fanout.jobs.images.samples.SampleImages;

/**
 * The sample inputs committed under {@code data/images/in/}, and the program that wrote them. To regenerate:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.fanout.jobs.images.SampleInputs [directory]
 * </pre>
 * {@link SampleInputsTests} checks that the committed files are still what this generates.
 */
final class SampleInputs {

	static final Path DIRECTORY = Path.of("data", "images", "in");

	private SampleInputs() {
	}

	/** File name to content, in a stable order. */
	static Map<String, byte[]> generate() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("landscape.jpg", SampleImages.jpeg(1600, 1200, 1));
		files.put("portrait-alpha.png", SampleImages.png(600, 900, 2));
		// Stored 1000×750 (landscape), shown 750×1000 (portrait) by viewers that honour EXIF orientation 6.
		files.put("camera-rotated.jpg", SampleImages.rotatedByCamera(750, 1000, 3));
		// Smaller than the default 320×240 bounds: must come out the same size, not scaled up.
		files.put("small.jpg", SampleImages.jpeg(200, 150, 4));
		files.put("cmyk.jpg", SampleImages.cmykJpeg(800, 600, 5));
		files.put("notes.txt", """
				Not an image: the images job skips this file and lists it in its report as "not a JPEG or PNG image".
				""".getBytes(StandardCharsets.UTF_8));
		return files;
	}

	public static void main(String[] args) throws IOException {
		Path directory = (args.length > 0) ? Path.of(args[0]) : DIRECTORY;
		Files.createDirectories(directory);
		for (Map.Entry<String, byte[]> file : generate().entrySet()) {
			Files.write(directory.resolve(file.getKey()), file.getValue());
		}
	}

}
