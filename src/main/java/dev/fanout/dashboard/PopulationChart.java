package dev.fanout.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Life's population per generation (population.csv) as an SVG polyline. Long runs are thinned to at most
 * {@value #MAX_POINTS} points, so a million generations still make a small page.
 *
 * @param points the polyline's {@code x,y} pairs in a {@value #WIDTH}×{@value #HEIGHT} box
 */
public record PopulationChart(String points, long minPopulation, long maxPopulation, long lastGeneration) {

	static final int WIDTH = 600;

	static final int HEIGHT = 160;

	static final int MAX_POINTS = 600;

	/** Above this the file is not charted: reading it would cost more than the chart is worth. */
	static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

	/** The chart of this population.csv, or {@code null} when it is missing, empty, too large or unreadable. */
	static @Nullable PopulationChart read(Path csv) {
		List<long[]> rows = new ArrayList<>();
		try {
			if (!Files.isRegularFile(csv) || Files.size(csv) > MAX_FILE_BYTES) {
				return null;
			}
			try (BufferedReader reader = Files.newBufferedReader(csv)) {
				reader.readLine(); // header
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					String[] cells = line.split(",");
					if (cells.length == 2) {
						rows.add(new long[] { Long.parseLong(cells[0].trim()), Long.parseLong(cells[1].trim()) });
					}
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
		return rows.isEmpty() ? null : of(rows);
	}

	private static PopulationChart of(List<long[]> rows) {
		int stride = (rows.size() + MAX_POINTS - 1) / MAX_POINTS;
		List<long[]> kept = new ArrayList<>();
		for (int i = 0; i < rows.size(); i += stride) {
			kept.add(rows.get(i));
		}
		if (kept.get(kept.size() - 1) != rows.get(rows.size() - 1)) {
			kept.add(rows.get(rows.size() - 1));
		}
		long first = rows.get(0)[0];
		long last = rows.get(rows.size() - 1)[0];
		long min = rows.stream().mapToLong((r) -> r[1]).min().orElse(0);
		long max = rows.stream().mapToLong((r) -> r[1]).max().orElse(0);
		double xScale = WIDTH / (double) Math.max(last - first, 1);
		double yScale = (HEIGHT - 10) / (double) Math.max(max, 1);
		String points = kept.stream()
			.map((r) -> String.format(Locale.ROOT, "%.1f,%.1f", (r[0] - first) * xScale, HEIGHT - 5 - r[1] * yScale))
			.collect(Collectors.joining(" "));
		return new PopulationChart(points, min, max, last);
	}

}
