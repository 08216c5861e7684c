package dev.fanout.jobs.life.grid;

/**
 * A pattern read from a file: its cells in a grid of the pattern's own size (the RLE header's {@code x × y}, or the
 * plain text's longest row × its rows).
 * @param cells the cells, row 0 at the top, column 0 at the left
 * @param format the file's format
 */
public record Pattern(Grid cells, Format format) {

	public enum Format {

		/** Run-length encoded, the Golly/LifeWiki format. */
		RLE,

		/** The book's text: a row per line, {@code *} alive, {@code -} dead. */
		PLAIN,

		/** LifeWiki's plaintext, the {@code .cells} files: a row per line, {@code O} alive, {@code .} dead. */
		CELLS

	}

	public int width() {
		return this.cells.width();
	}

	public int height() {
		return this.cells.height();
	}

	public long population() {
		return this.cells.population();
	}

}
