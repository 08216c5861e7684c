package dev.fanout.web.dashboard;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fanout.history.ExecutionDetail;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.history.StepSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimelineLayoutTests {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 22, 6, 0);

	private final List<StepSummary> steps = new ArrayList<>();

	@Test
	void lifeKeepsOneLanePerStepAndBandWithTheBandsUnderTheGenerationStep() {
		step("lifeSeed", 0, 100);
		for (int gen = 0; gen < 3; gen++) {
			int start = 100 + gen * 1000;
			step("lifeGenerations", start, start + 900);
			step("lifeBand:gen00000000%d-band0".formatted(gen), start + 50, start + 800);
			step("lifeBand:gen00000000%d-band1".formatted(gen), start + 60, start + 850);
		}
		step("lifeOutputs", 3100, 3300);

		Timeline timeline = TimelineLayout.of(detail(3300));

		assertThat(timeline.lanes()).extracting(Timeline.Lane::label)
			.containsExactly("lifeSeed", "lifeGenerations ×3", "lifeBand:band0 ×3", "lifeBand:band1 ×3", "lifeOutputs");
		assertThat(timeline.lanes()).extracting(Timeline.Lane::partition).containsExactly(false, false, true, true, false);
		assertThat(timeline.lanes().get(2).bars()).hasSize(3);
		// One time axis: the 3.3 s run spans the plot; a band starts after its generation step and ends before it.
		Timeline.Bar generation = timeline.lanes().get(1).bars().get(1);
		Timeline.Bar band = timeline.lanes().get(2).bars().get(1);
		assertThat(generation.x()).isEqualTo(Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH * 1100 / 3300.0);
		assertThat(band.x()).isGreaterThan(generation.x());
		assertThat(band.x() + band.width()).isLessThan(generation.x() + generation.width());
		assertThat(timeline.lanes().get(4).bars().get(0).x() + timeline.lanes().get(4).bars().get(0).width())
			.isEqualTo(Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH, within(0.01));
		assertThat(timeline.ticks()).extracting(Timeline.Tick::label).containsExactly("0", "0.83 s", "1.65 s", "2.48 s", "3.30 s");
	}

	@Test
	void mergesTheRunsOfABusyLaneAndMarksTheWorstStatus() {
		for (int i = 0; i < 400; i++) {
			step("lifeGenerations", i * 10, i * 10 + 5, (i == 123) ? "FAILED" : "COMPLETED");
		}

		Timeline timeline = TimelineLayout.of(detail(4000));

		List<Timeline.Bar> bars = timeline.lanes().get(0).bars();
		assertThat(bars).hasSizeLessThanOrEqualTo(TimelineLayout.MAX_BARS);
		assertThat(bars.stream().mapToInt((bar) -> bar.steps().split(" ").length).sum()).isEqualTo(400);
		assertThat(bars).filteredOn((bar) -> Arrays.asList(bar.steps().split(" ")).contains("124"))
			.singleElement()
			.satisfies((bar) -> assertThat(bar.cssClass()).isEqualTo("bar s-failed"));
	}

	@Test
	void capsTheLanesOfAWideFanOutAndCountsTheRest() {
		step("factorizeManager", 0, 1000);
		for (int i = 0; i < 100; i++) {
			step("factorizeWorker:partition" + i, 10, 900);
		}

		Timeline timeline = TimelineLayout.of(detail(1000));

		assertThat(timeline.lanes()).hasSize(TimelineLayout.MAX_LANES);
		assertThat(timeline.hiddenLanes()).isEqualTo(101 - TimelineLayout.MAX_LANES);
		assertThat(timeline.height()).isEqualTo(Timeline.AXIS_HEIGHT + (TimelineLayout.MAX_LANES + 1) * Timeline.LANE_HEIGHT + 4);
	}

	@Test
	void aPartitionThatRanOnARemoteWorkerSaysWhichOne() {
		step("factorizeManager", 0, 1000);
		this.steps.add(new StepSummary(2, "factorizeWorker:partition0", true, "COMPLETED", 0, 0, 0, 0, 0, 0,
				T0.plusNanos(10_000_000L), T0.plusNanos(900_000_000L), 890, "COMPLETED", "",
				new StepSummary.WorkerProcess("node-7", 4242)));
		step("factorizeWorker:partition1", 10, 900);

		Timeline timeline = TimelineLayout.of(detail(1000));

		assertThat(timeline.lanes()).extracting(Timeline.Lane::label)
			.containsExactly("factorizeManager", "factorizeWorker:partition0 · pid 4242", "factorizeWorker:partition1");
		assertThat(timeline.lanes().get(1).bars().get(0).title()).endsWith(", on worker process 4242 on node-7");
	}

	private void step(String name, int startMillis, int endMillis) {
		step(name, startMillis, endMillis, "COMPLETED");
	}

	private void step(String name, int startMillis, int endMillis, String status) {
		this.steps.add(new StepSummary(this.steps.size() + 1, name, name.contains(":"), status, 0, 0, 0, 0, 0, 0,
				T0.plusNanos(startMillis * 1_000_000L), T0.plusNanos(endMillis * 1_000_000L), endMillis - startMillis,
				status, "", null));
	}

	private ExecutionDetail detail(int endMillis) {
		ExecutionSummary execution = new ExecutionSummary(1, "life", 1, Map.of(), "", "COMPLETED", T0,
				T0.plusNanos(endMillis * 1_000_000L), endMillis, "COMPLETED", "", false, "", "");
		return new ExecutionDetail(execution, this.steps, List.of(), "");
	}

}
