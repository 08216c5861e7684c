package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.Path;

import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandProgress;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.Grid;

/**
 * Advances one band of a checkpoint file by some generations with the bit-parallel kernel: it reads only the band and
 * its halo rows. Stateless; one instance serves every band concurrently.
 */
class BandComputer {

	BandResult advance(Path checkpoint, Band band, int height, long generation, int steps) throws IOException {
		BandStep step = new BandStep(band, height, steps);
		return step.advance(GridFile.readRows(checkpoint, step.firstRow(), step.rowCount()), BandProgress.NONE);
	}

	/** The same from the band's input rows as {@link BandRows} carries them: its rows and halo rows. */
	BandResult advance(Grid input, Band band, int height, int steps) {
		return new BandStep(band, height, steps).advance(input, BandProgress.NONE);
	}

}
