package dev.fanout.jobs.life.picture;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.grid.Grid;

/**
 * An animated GIF written a frame at a time (one frame image in memory), looping forever, with
 * {@value GridImages#MAX_GIF_FRAMES} frames at most and at most {@value GridImages#MAX_GIF_SIDE} pixels a side.
 * The file appears when {@link #finish()} is called; closing without finishing leaves no file.
 */
public final class GifAnimation implements AutoCloseable {

	private static final String FORMAT = "javax_imageio_gif_image_1.0";

	private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

	private final AtomicFiles.Pending file;

	private final ImageOutputStream out;

	private final ImageWriter writer;

	private final GridImages.Scale scale;

	private final GridImages.Window window;

	private final int width;

	private final int height;

	private final int delayCentiseconds;

	private final BufferedImage image;

	private int frames;

	private boolean finished;

	public GifAnimation(Path target, int gridWidth, int gridHeight, int delayMillis) throws IOException {
		this(target, gridWidth, gridHeight, new GridImages.Window(0, 0, gridWidth, gridHeight), delayMillis);
	}

	/** An animation showing a window of the grids (cells outside it are not drawn). */
	public GifAnimation(Path target, int gridWidth, int gridHeight, GridImages.Window window, int delayMillis)
			throws IOException {
		if (delayMillis < 0) {
			throw new IllegalArgumentException("a frame delay cannot be negative: " + delayMillis + " ms");
		}
		Grid.checkSize(gridWidth, gridHeight);
		this.width = gridWidth;
		this.height = gridHeight;
		if (window.col() < 0 || window.row() < 0 || window.width() < 1 || window.height() < 1
				|| window.col() + window.width() > gridWidth || window.row() + window.height() > gridHeight) {
			throw new IllegalArgumentException("window %s is not inside a %d×%d grid".formatted(window, gridWidth,
					gridHeight));
		}
		this.window = window;
		this.scale = GridImages.Scale.of(window.width(), window.height(), GridImages.MAX_GIF_SIDE);
		// GIF delays are in hundredths of a second.
		this.delayCentiseconds = Math.min(65535, (delayMillis + 5) / 10);
		this.image = new BufferedImage(this.scale.imageWidth(), this.scale.imageHeight(),
				BufferedImage.TYPE_BYTE_BINARY, GridImages.colors());
		this.writer = ImageIO.getImageWritersByFormatName("gif").next();
		this.file = AtomicFiles.begin(target);
		try {
			this.out = new FileImageOutputStream(this.file.temporary().toFile());
			this.writer.setOutput(this.out);
			this.writer.prepareWriteSequence(streamMetadata());
		}
		catch (IOException | RuntimeException ex) {
			this.file.close();
			throw ex;
		}
	}

	/** Adds a frame; false (and nothing written) once the frame limit is reached. */
	public boolean add(Grid grid) throws IOException {
		if (grid.width() != this.width || grid.height() != this.height) {
			throw new IllegalArgumentException("a %d×%d animation cannot show a %d×%d grid".formatted(this.width,
					this.height, grid.width(), grid.height()));
		}
		if (this.finished) {
			throw new IllegalStateException("the animation is finished");
		}
		if (this.frames == GridImages.MAX_GIF_FRAMES) {
			return false;
		}
		java.util.Arrays.fill(((java.awt.image.DataBufferByte) this.image.getRaster().getDataBuffer()).getData(),
				(byte) 0);
		GridImages.draw(grid, this.window, this.scale, this.image.getRaster());
		this.writer.writeToSequence(new IIOImage(this.image, null, metadata(this.frames == 0)), null);
		this.frames++;
		return true;
	}

	public int frames() {
		return this.frames;
	}

	/** Completes the file and moves it into place. */
	public void finish() throws IOException {
		if (this.frames == 0) {
			throw new IllegalStateException("an animation needs at least one frame");
		}
		this.writer.endWriteSequence();
		this.out.close();
		this.file.commit();
		this.finished = true;
	}

	/** The screen size and the palette as the global colour table (the writer's default is black and white). */
	private IIOMetadata streamMetadata() throws IOException {
		IIOMetadata metadata = this.writer.getDefaultStreamMetadata(null);
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(STREAM_FORMAT);
		IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
		screen.setAttribute("logicalScreenWidth", Integer.toString(this.image.getWidth()));
		screen.setAttribute("logicalScreenHeight", Integer.toString(this.image.getHeight()));
		screen.setAttribute("colorResolution", "8");
		screen.setAttribute("pixelAspectRatio", "0");
		IIOMetadataNode table = child(root, "GlobalColorTable");
		table.setAttribute("backgroundColorIndex", "0");
		palette(table, "sizeOfGlobalColorTable");
		metadata.setFromTree(STREAM_FORMAT, root);
		return metadata;
	}

	/** The frame delay, no transparency, and on the first frame the NETSCAPE2.0 extension: loop forever. */
	private IIOMetadata metadata(boolean first) throws IOException {
		IIOMetadata metadata = this.writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(this.image),
				null);
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
		child(root, "ImageDescriptor").setAttribute("interlaceFlag", "FALSE");
		IIOMetadataNode control = child(root, "GraphicControlExtension");
		control.setAttribute("disposalMethod", "none");
		control.setAttribute("userInputFlag", "FALSE");
		control.setAttribute("transparentColorFlag", "FALSE");
		control.setAttribute("delayTime", Integer.toString(this.delayCentiseconds));
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
		IndexColorModel colors = GridImages.colors();
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

	/** Without {@link #finish()}: abandons the file. */
	@Override
	public void close() throws IOException {
		if (!this.finished) {
			try {
				this.out.close();
			}
			finally {
				this.writer.dispose();
				this.file.close();
			}
		}
		else {
			this.writer.dispose();
		}
	}

}
