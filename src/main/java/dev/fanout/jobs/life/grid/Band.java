package dev.fanout.jobs.life.grid;

import java.util.ArrayList;
import java.util.List;

/** Rows [from, to) of a grid: the share of one partition. */
public record Band(int from, int to) {

	public Band {
		if (from < 0 || to <= from) {
			throw new IllegalArgumentException("a band needs 0 ≤ from < to, not [%d, %d)".formatted(from, to));
		}
	}

	public int rows() {
		return this.to - this.from;
	}

	/**
	 * Cuts {@code height} rows into {@code parts} bands of as equal a height as possible (the first
	 * {@code height % parts} bands have one row more), top to bottom.
	 */
	public static List<Band> split(int height, int parts) {
		if (height < 1) {
			throw new IllegalArgumentException("cannot split %d rows into bands".formatted(height));
		}
		if (parts < 1) {
			throw new IllegalArgumentException("partitions=%d is not positive".formatted(parts));
		}
		if (parts > height) {
			throw new IllegalArgumentException(("partitions=%d is more than the grid's %d rows; every band needs a row, "
					+ "so use at most partitions=%d").formatted(parts, height, height));
		}
		List<Band> bands = new ArrayList<>(parts);
		int base = height / parts;
		int extra = height % parts;
		int from = 0;
		for (int i = 0; i < parts; i++) {
			int to = from + base + ((i < extra) ? 1 : 0);
			bands.add(new Band(from, to));
			from = to;
		}
		return bands;
	}

	@Override
	public String toString() {
		return "rows [%d, %d)".formatted(this.from, this.to);
	}

}
