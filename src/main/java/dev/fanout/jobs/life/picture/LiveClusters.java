package dev.fanout.jobs.life.picture;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import dev.fanout.jobs.life.grid.Grid;

/**
 * Finds the main object of a sparse grid, so a picture can show it large: a run of the R-pentomino ends with its
 * debris in the middle and gliders hundreds of cells away, whose common bounding box would leave every cell a pixel.
 * <p>
 * The grid is cut into square blocks (64 cells a side, more on huge grids so there are at most {@value #MAX_BLOCKS}
 * a side); blocks holding live cells that touch (diagonals too) form a cluster, and the cluster with the most live
 * cells wins (the first one in row order on a tie: the result depends on the grid only). Cost: one pass over the
 * grid's words, plus the blocks. Stateless.
 */
public final class LiveClusters {

	static final int MAX_BLOCKS = 256;

	private LiveClusters() {
	}

	/** The live area of the largest cluster, or {@code null} when no cell is alive. */
	public static GridImages.@Nullable Window largest(Grid grid) {
		int wpr = grid.wordsPerRow();
		long[] words = grid.words();
		int longest = Math.max(grid.width(), grid.height());
		int wordsPerBlock = Math.max(1, (longest + 64 * MAX_BLOCKS - 1) / (64 * MAX_BLOCKS));
		int side = 64 * wordsPerBlock;
		int across = (grid.width() + side - 1) / side;
		int down = (grid.height() + side - 1) / side;
		long[] counts = new long[across * down];
		for (int row = 0; row < grid.height(); row++) {
			int base = (row / side) * across;
			for (int w = 0; w < wpr; w++) {
				counts[base + w / wordsPerBlock] += Long.bitCount(words[row * wpr + w]);
			}
		}
		int[] cluster = new int[counts.length]; // 0: not visited
		long best = 0;
		int bestLabel = 0;
		int label = 0;
		Deque<Integer> pending = new ArrayDeque<>();
		for (int start = 0; start < counts.length; start++) {
			if (counts[start] == 0 || cluster[start] != 0) {
				continue;
			}
			label++;
			long cells = 0;
			cluster[start] = label;
			pending.add(start);
			while (!pending.isEmpty()) {
				int block = pending.poll();
				cells += counts[block];
				int bx = block % across;
				int by = block / across;
				for (int y = Math.max(0, by - 1); y <= Math.min(down - 1, by + 1); y++) {
					for (int x = Math.max(0, bx - 1); x <= Math.min(across - 1, bx + 1); x++) {
						int next = y * across + x;
						if (counts[next] != 0 && cluster[next] == 0) {
							cluster[next] = label;
							pending.add(next);
						}
					}
				}
			}
			if (cells > best) {
				best = cells;
				bestLabel = label;
			}
		}
		if (bestLabel == 0) {
			return null;
		}
		GridImages.Window area = null;
		for (int block = 0; block < counts.length; block++) {
			if (cluster[block] == bestLabel) {
				int col = (block % across) * side;
				int row = (block / across) * side;
				GridImages.Window live = GridImages.liveArea(grid, new GridImages.Window(col, row,
						Math.min(side, grid.width() - col), Math.min(side, grid.height() - row)));
				if (live != null) {
					area = (area == null) ? live : area.union(live);
				}
			}
		}
		return area;
	}

}
