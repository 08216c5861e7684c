package dev.fanout.jobs.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.NO_PASSWORD;
import static dev.fanout.cli.BadInput.failed;
import static dev.fanout.cli.BadInput.linkOutside;
import static dev.fanout.cli.BadInput.ownDataDirectory;
import static dev.fanout.cli.BadInput.refused;

/**
 * images's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its
 * {@link ImagesKillScenario}.
 */
public final class ImagesBadInputs {

	private ImagesBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(refused("images unknown parameter", "run images width=100",
				"unknown parameter width for job 'images'; it takes: source, target, upload"),
				refused("images missing source", "run images source=images/nowhere",
						"source=images/nowhere: no such file or directory in the working directory"),
				refused("images empty source", "run images source=images/empty", "source={data}/images/empty holds no images")
					.withSetup((data) -> Files.createDirectories(data.resolve("images/empty"))),
				refused("images URL list with a bad line", "run images source=images/urls.txt",
						"source={data}/images/urls.txt, line 2: 'ftp://example.org/a.jpg' is not an http(s) URL")
					.withFile("images/urls.txt", "http://example.org/a.jpg\nftp://example.org/a.jpg\n"),
				refused("images binary file as source", "run images source=images/in/small.jpg",
						"is neither a directory of images nor a text file of image URLs"),
				refused("images source link outside", "run images source=images/linked",
						"passwd links to /etc/passwd, outside the data directory")
					.withSetup((data) -> Files.createSymbolicLink(
							Files.createDirectories(data.resolve("images/linked")).resolve("passwd"), Path.of("/etc/passwd"))),
				refused("images source with a broken link", "run images source=images/broken",
						"source={data}/images/broken: gone.jpg is a broken link (to missing.jpg); fix the link or remove it")
					.withSetup((data) -> {
						Path broken = Files.createDirectories(data.resolve("images/broken"));
						Files.copy(data.resolve("images/in/small.jpg"), broken.resolve("a.jpg"));
						Files.createSymbolicLink(broken.resolve("gone.jpg"), Path.of("missing.jpg"));
					}),
				refused("images target outside", "run images target=../../tmp/gallery",
						"target=../../tmp/gallery points outside the data directory"),
				refused("images target through a link outside", "run images target=link/new",
						"target=link/new points outside the data directory")
					.withSetup(linkOutside("link")),
				failed("images gallery folder linking outside", "run images",
						"{data}/out/gallery/instance-1 leads to {outside}, outside the data directory {data}; remove the link")
					.withSettings(ownDataDirectory("images-gallery-link", NO_PASSWORD))
					.withSetup(linkOutside("out/gallery/instance-1")),
				refused("images target is a file", "run images target=images/in/small.jpg",
						"target=images/in/small.jpg is a file; give a directory"),
				refused("images target not http", "run images target=ftp://example.org/gallery",
						"target=ftp://example.org/gallery is not an http(s) URL"),
				refused("images unknown upload method", "run images upload=delete", "upload=delete is not put"),
				refused("images zero width", "run images maxWidth=0", "maxWidth=0 is not a whole number from 1 to 10000"),
				refused("images height not a number", "run images maxHeight=tall", "maxHeight=tall is not a whole number"),
				refused("images zero quality", "run images quality=0", "quality=0 is not a number above 0 and at most 1"),
				refused("images quality above one", "run images quality=1.5", "quality=1.5 is not a number above 0 and at most 1"),
				refused("images zero download threads", "run images downloadThreads=0",
						"downloadThreads=0 is not a whole number from 1 to 64"),
				refused("images too many resize threads", "run images resizeThreads=65",
						"resizeThreads=65 is not a whole number from 1 to 64"),
				refused("images bad latency", "run images resizeLatency=slow", "resizeLatency=slow is not a duration"),
				refused("images bad download latency", "run images downloadLatency=-5ms",
						"downloadLatency=-5ms is not a duration"),
				refused("images bad upload latency", "run images uploadLatency=soon", "uploadLatency=soon is not a duration"),
				refused("images latency too long", "run images uploadLatency=1000d",
						"uploadLatency=1000d is longer than 10s; give 0 to 10s"),
				failed("images dead URL", "run images source=images/dead.txt",
						"download of http://127.0.0.1:9/a.jpg: connection refused (is the server running?) after 3 attempts")
					.withFile("images/dead.txt", "http://127.0.0.1:9/a.jpg\n"));
	}

}
