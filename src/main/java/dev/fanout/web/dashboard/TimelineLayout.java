package dev.fanout.web.dashboard;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import dev.fanout.history.Durations;
import dev.fanout.history.ExecutionDetail;
import dev.fanout.history.StepSummary;

/** Lays out the {@link Timeline} of an execution from its step executions. */
final class TimelineLayout {

	/** More lanes than this (factorize with threads=256) would be a wall of bars: the rest are counted instead. */
	static final int MAX_LANES = 48;

	/** Bars per lane before neighbours are merged (life runs its generation step up to millions of times). */
	static final int MAX_BARS = 150;

	private TimelineLayout() {
	}

	static Timeline of(ExecutionDetail detail) {
		List<StepSummary> steps = detail.steps().stream()
			.filter((step) -> step.startTime() != null)
			.sorted(Comparator.comparingLong(StepSummary::id))
			.toList();
		LocalDateTime now = LocalDateTime.now();
		LocalDateTime origin = steps.stream().map(StepSummary::startTime).min(Comparator.naturalOrder()).orElse(now);
		if (detail.execution().startTime() != null && detail.execution().startTime().isBefore(origin)) {
			origin = detail.execution().startTime();
		}
		LocalDateTime end = (detail.execution().endTime() != null) ? detail.execution().endTime() : now;
		for (StepSummary step : steps) {
			LocalDateTime stepEnd = (step.endTime() != null) ? step.endTime() : now;
			end = stepEnd.isAfter(end) ? stepEnd : end;
		}
		long span = Math.max(millis(origin, end), 1);

		Map<String, List<StepSummary>> lanes = new LinkedHashMap<>();
		String manager = "";
		for (StepSummary step : steps) {
			// A partition belongs to the nearest plain step before it: its manager, created before its partitions.
			manager = step.partition() ? manager : step.name();
			String key = step.partition() ? manager + "\u0000" + laneName(step.name()) : step.name();
			lanes.computeIfAbsent(key, (k) -> new ArrayList<>()).add(step);
		}
		List<Timeline.Lane> shown = new ArrayList<>();
		for (List<StepSummary> lane : lanes.values()) {
			if (shown.size() == MAX_LANES) {
				break;
			}
			StepSummary first = lane.get(0);
			int y = Timeline.AXIS_HEIGHT + shown.size() * Timeline.LANE_HEIGHT;
			List<Timeline.Bar> bars = bars(lane, origin, span, now);
			String label = first.partition() ? laneName(first.name()) + worker(lane) : first.name();
			shown.add(new Timeline.Lane((lane.size() > 1) ? label + " ×" + lane.size() : label, first.partition(), y, bars));
		}
		int hidden = lanes.size() - shown.size();
		List<Timeline.Tick> ticks = new ArrayList<>();
		for (int i = 0; i <= 4; i++) {
			ticks.add(new Timeline.Tick(Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH * i / 4.0,
					(i == 0) ? "0" : Durations.format(span * i / 4)));
		}
		int height = Timeline.AXIS_HEIGHT + (shown.size() + (hidden > 0 ? 1 : 0)) * Timeline.LANE_HEIGHT + 4;
		return new Timeline(Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH + 40, height, shown, ticks, hidden,
				Durations.format(span));
	}

	/** A lane's remote worker, when one {@code fanout worker} process ran all its steps: {@code " · pid 4242"}. */
	private static String worker(List<StepSummary> lane) {
		Set<Long> pids = lane.stream()
			.map((step) -> (step.worker() != null) ? step.worker().pid() : -1L)
			.collect(Collectors.toSet());
		return (pids.size() == 1 && !pids.contains(-1L)) ? " · pid " + pids.iterator().next() : "";
	}

	static String laneName(String stepName) {
		return Timeline.laneName(stepName);
	}

	private static List<Timeline.Bar> bars(List<StepSummary> lane, LocalDateTime origin, long span, LocalDateTime now) {
		int group = (lane.size() + MAX_BARS - 1) / MAX_BARS;
		List<Timeline.Bar> bars = new ArrayList<>();
		for (int from = 0; from < lane.size(); from += group) {
			List<StepSummary> merged = lane.subList(from, Math.min(from + group, lane.size()));
			LocalDateTime start = merged.get(0).startTime();
			StepSummary last = merged.get(merged.size() - 1);
			LocalDateTime stop = (last.endTime() != null) ? last.endTime() : now;
			double x = Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH * (double) millis(origin, start) / span;
			double width = Math.max(Timeline.PLOT_WIDTH * (double) millis(start, stop) / span, 1.5);
			String status = merged.stream().map(StepSummary::status).reduce(TimelineLayout::worse).orElseThrow();
			String title = (merged.size() == 1)
					? "%s: %s, %s%s".formatted(last.name(), last.status(), Durations.format(last.durationMillis()),
							(last.worker() != null) ? ", on worker process %d on %s".formatted(last.worker().pid(),
									last.worker().host()) : "")
					: "%d runs of %s, %s to %s: %s".formatted(merged.size(), laneName(last.name()),
							merged.get(0).name(), last.name(), status);
			String ids = merged.stream().map((s) -> Long.toString(s.id())).collect(Collectors.joining(" "));
			bars.add(new Timeline.Bar(x, width, status, title, ids));
		}
		return bars;
	}

	/** The status that matters more when bars merge: a failure over a stop over a running step over a success. */
	private static String worse(String a, String b) {
		List<String> order = List.of("FAILED", "STOPPED", "STOPPING", "STARTED", "STARTING", "UNKNOWN", "ABANDONED");
		int ia = order.indexOf(a);
		int ib = order.indexOf(b);
		if (ia < 0) {
			return b;
		}
		return (ib < 0 || ia <= ib) ? a : b;
	}

	private static long millis(LocalDateTime from, LocalDateTime to) {
		return Math.max(Duration.between(from, to).toMillis(), 0);
	}

}
