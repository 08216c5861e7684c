package dev.fanout.jobs.life;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.RestartSafeSplitter;
import dev.fanout.jobs.life.grid.Grid;

/**
 * How the bands travel through the repository when they run on remote workers ({@link dev.fanout.batch.PartitionData}):
 * for each generation step, the manager publishes every band's input (its rows and halo rows of the latest
 * checkpoint) and each worker gives back its band's rows of the new generation, one row per band. A row's content is
 * {@code <width>x<height>:} and the grid's 64-bit words in Base64 (the table holds text).
 */
final class BandRows {

	/**
	 * The partition context's key that says the band works through rows, not checkpoint and band files: decided by
	 * each attempt, so a restart with workers local instead of remote, or the other way round, does not inherit it.
	 */
	static final String VIA_ROWS = RestartSafeSplitter.THIS_ATTEMPT + "life.viaRows";

	private BandRows() {
	}

	/** The bands' inputs of the step that starts from {@code generation}. */
	static Dataset inputs(long instance, long generation) {
		return new Dataset(instance, "life.input.gen%09d".formatted(generation));
	}

	/** The bands' rows of {@code generation}, as the workers computed them. */
	static Dataset results(long instance, long generation) {
		return new Dataset(instance, "life.band.gen%09d".formatted(generation));
	}

	static String encode(Grid grid) {
		long[] words = grid.words();
		ByteBuffer bytes = ByteBuffer.allocate(words.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asLongBuffer().put(words);
		return grid.width() + "x" + grid.height() + ":" + Base64.getEncoder().encodeToString(bytes.array());
	}

	static Grid decode(String content) {
		int x = content.indexOf('x');
		int colon = content.indexOf(':');
		int width = Integer.parseInt(content.substring(0, x));
		int height = Integer.parseInt(content.substring(x + 1, colon));
		byte[] bytes = Base64.getDecoder().decode(content.substring(colon + 1));
		long[] words = new long[bytes.length / Long.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words);
		return Grid.ofWords(width, height, words);
	}

}
