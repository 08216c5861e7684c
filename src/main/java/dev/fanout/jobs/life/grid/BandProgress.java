package dev.fanout.jobs.life.grid;

/** Told by {@link BandStep#advance} after each generation, on the computing thread. */
@FunctionalInterface
public interface BandProgress {

	BandProgress NONE = (done, population) -> {
	};

	/**
	 * @param generationsDone 1 after the first generation, up to the step's {@code generations}
	 * @param bandPopulation the band's live cells at that generation (exact: see {@link BandStep})
	 */
	void generationDone(int generationsDone, long bandPopulation);

}
