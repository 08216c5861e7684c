package dev.fanout.web.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.OutputChart;

import static org.assertj.core.api.Assertions.assertThat;

/** The population chart's axis labels. */
class LineChartTests {

	@TempDir
	Path directory;

	@Test
	void labelsRoundEvenlySpacedValuesFromZeroOnBothAxes() throws Exception {
		StringBuilder csv = new StringBuilder("generation,population\n");
		for (int generation = 0; generation <= 1103; generation++) {
			csv.append(generation).append(',').append(5 + generation % 117).append('\n');
		}
		Path file = Files.writeString(this.directory.resolve("population.csv"), csv);

		LineChart chart = LineChart.read(file, new OutputChart("population.csv", "Population per generation", "generation"));

		assertThat(chart.maxY()).isEqualTo(121);
		assertThat(chart.verticalTicks()).extracting(LineChart.Tick::value).containsExactly(0L, 50L, 100L);
		// 0 at the axis, and the others in proportion above it: y = 155 - value × 150 / max.
		assertThat(chart.verticalTicks()).extracting(LineChart.Tick::at)
			.containsExactly("155.0", "93.0", "31.0");
		assertThat(chart.horizontalTicks()).extracting(LineChart.Tick::value).containsExactly(0L, 500L, 1000L);
		assertThat(chart.horizontalTicks()).extracting(LineChart.Tick::at).containsExactly("0.0", "272.0", "544.0");
	}

	@Test
	void ticksAreRoundStepsThatDoNotCrowdTheFirstLabel() {
		assertThat(LineChart.ticks(0, 172)).containsExactly(0L, 50L, 100L, 150L);
		assertThat(LineChart.ticks(0, 4)).containsExactly(0L, 1L, 2L, 3L, 4L);
		assertThat(LineChart.ticks(3, 4)).containsExactly(3L, 4L);
		assertThat(LineChart.ticks(7, 7)).containsExactly(7L);
		assertThat(LineChart.ticks(0, 20)).containsExactly(0L, 5L, 10L, 15L, 20L);
	}

}
