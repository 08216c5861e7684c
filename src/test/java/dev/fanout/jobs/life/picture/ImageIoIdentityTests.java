package dev.fanout.jobs.life.picture;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Life's PNG and GIF writers give the very bytes of the JDK's ImageIO writers, configured as life used them before it
 * wrote the files itself: outputs stay byte-identical. Grids from sparse to dense, shrunk and scaled up, so that the
 * PNG's row filters and the GIF's LZW table resets all occur, inside runs of one colour too.
 */
class ImageIoIdentityTests {

	private static final String FORMAT = "javax_imageio_gif_image_1.0";

	private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

	@TempDir
	Path directory;

	@Test
	void pngsAreTheBytesImageIoWrites() throws IOException {
		for (Grid grid : grids()) {
			Path file = this.directory.resolve("grid.png");
			GridImages.writePng(file, grid);
			ByteArrayOutputStream reference = new ByteArrayOutputStream();
			ImageIO.write(GridImages.render(grid, GridImages.MAX_PNG_SIDE), "png", reference);

			assertThat(Files.readAllBytes(file)).as("PNG of %s", grid.width() + "×" + grid.height())
				.isEqualTo(reference.toByteArray());
		}
	}

	@Test
	void gifsAreTheBytesImageIoWrites() throws IOException {
		for (Grid grid : grids()) {
			Path file = this.directory.resolve("grid.gif");
			GridImages.writeAnimation(file, grid, 12, 100);

			assertThat(Files.readAllBytes(file)).as("GIF of %s", grid.width() + "×" + grid.height())
				.isEqualTo(imageIoAnimation(grid, 12, 10));
		}
	}

	private static Grid[] grids() {
		Random random = new Random(56);
		return new Grid[] { Grids.bookGlider(), Grids.random(80, 60, 0.3, random), Grids.random(700, 300, 0.5, random),
				Grids.random(1500, 900, 0.02, random), Grids.random(33, 31, 0.9, random), new Grid(5, 3),
				// Long runs of both colours that fill the code table (the coder takes runs a byte at a time).
				Grids.random(4000, 3000, 0.0005, random), Grids.random(4000, 3000, 0.9995, random),
				Grids.random(120, 100, 0.05, random) };
	}

	/** The animation as the ImageIO GIF writer writes it, with life's former metadata. */
	private static byte[] imageIoAnimation(Grid start, int frames, int delay) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			BufferedImage first = GridImages.render(start, GridImages.MAX_GIF_SIDE);
			writer.prepareWriteSequence(streamMetadata(writer, first));
			Grid grid = start;
			for (int i = 0; i < frames; i++) {
				BufferedImage image = GridImages.render(grid, GridImages.MAX_GIF_SIDE);
				writer.writeToSequence(new IIOImage(image, null, metadata(writer, image, delay, i == 0)), null);
				grid = BitKernel.advance(grid, 1);
			}
			writer.endWriteSequence();
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** The screen size and the palette as the global colour table (the writer's default is black and white). */
	private static IIOMetadata streamMetadata(ImageWriter writer, BufferedImage image) throws IOException {
		IIOMetadata metadata = writer.getDefaultStreamMetadata(null);
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(STREAM_FORMAT);
		IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
		screen.setAttribute("logicalScreenWidth", Integer.toString(image.getWidth()));
		screen.setAttribute("logicalScreenHeight", Integer.toString(image.getHeight()));
		screen.setAttribute("colorResolution", "8");
		screen.setAttribute("pixelAspectRatio", "0");
		IIOMetadataNode table = child(root, "GlobalColorTable");
		table.setAttribute("backgroundColorIndex", "0");
		palette(table, "sizeOfGlobalColorTable");
		metadata.setFromTree(STREAM_FORMAT, root);
		return metadata;
	}

	/** The frame delay, no transparency, and on the first frame the NETSCAPE2.0 extension: loop forever. */
	private static IIOMetadata metadata(ImageWriter writer, BufferedImage image, int delay, boolean first) throws IOException {
		IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
				null);
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
		child(root, "ImageDescriptor").setAttribute("interlaceFlag", "FALSE");
		IIOMetadataNode control = child(root, "GraphicControlExtension");
		control.setAttribute("disposalMethod", "none");
		control.setAttribute("userInputFlag", "FALSE");
		control.setAttribute("transparentColorFlag", "FALSE");
		control.setAttribute("delayTime", Integer.toString(delay));
		control.setAttribute("transparentColorIndex", "0");
		// The writer's default frame palette is black and white, in that order: it would show dead cells black.
		palette(child(root, "LocalColorTable"), "sizeOfLocalColorTable");
		if (first) {
			IIOMetadataNode application = new IIOMetadataNode("ApplicationExtension");
			application.setAttribute("applicationID", "NETSCAPE");
			application.setAttribute("authenticationCode", "2.0");
			// Sub-block 1, then the loop count as a little-endian short: 0 is forever.
			application.setUserObject(new byte[] { 1, 0, 0 });
			child(root, "ApplicationExtensions").appendChild(application);
		}
		metadata.setFromTree(FORMAT, root);
		return metadata;
	}

	/** Fills a colour table node with the palette (live cells dark, dead white). */
	private static void palette(IIOMetadataNode table, String sizeAttribute) {
		while (table.hasChildNodes()) {
			table.removeChild(table.getFirstChild());
		}
		IndexColorModel colors = (IndexColorModel) GridImages.render(new Grid(1, 1), 1).getColorModel();
		table.setAttribute(sizeAttribute, Integer.toString(colors.getMapSize()));
		table.setAttribute("sortFlag", "FALSE");
		for (int i = 0; i < colors.getMapSize(); i++) {
			IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
			entry.setAttribute("index", Integer.toString(i));
			entry.setAttribute("red", Integer.toString(colors.getRed(i)));
			entry.setAttribute("green", Integer.toString(colors.getGreen(i)));
			entry.setAttribute("blue", Integer.toString(colors.getBlue(i)));
			table.appendChild(entry);
		}
	}

	private static IIOMetadataNode child(IIOMetadataNode root, String name) {
		for (int i = 0; i < root.getLength(); i++) {
			if (root.item(i).getNodeName().equals(name)) {
				return (IIOMetadataNode) root.item(i);
			}
		}
		IIOMetadataNode node = new IIOMetadataNode(name);
		root.appendChild(node);
		return node;
	}

}
