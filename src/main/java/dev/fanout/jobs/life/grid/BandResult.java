package dev.fanout.jobs.life.grid;

/**
 * A band advanced some generations.
 * @param band the rows of the torus this is
 * @param rows the band's rows at the last generation, a grid of the torus's width and {@code band.rows()} rows
 * @param populations the band's population after each generation: {@code populations[i]} is generation
 * {@code g + 1 + i} when the band started at generation {@code g}
 */
public record BandResult(Band band, Grid rows, long[] populations) {

	/** The band's population at the last generation. */
	public long population() {
		return (this.populations.length == 0) ? this.rows.population() : this.populations[this.populations.length - 1];
	}

}
