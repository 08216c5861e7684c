package dev.fanout.web.dashboard;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An execution's steps and partitions on one time axis, laid out for an inline SVG: one lane per step name, with the
 * partitions' lanes under their manager step's, so the fan-out (partitions starting together) and the fan-in (the
 * next step starting when the last partition ends) show. A step that runs many times (life's generation loop) keeps
 * one lane with a bar per run.
 *
 * @param hiddenLanes lanes left out to keep the picture readable (said under it)
 */
public record Timeline(int width, int height, List<Lane> lanes, List<Tick> ticks, int hiddenLanes, String span) {

	static final int LABEL_WIDTH = 200;

	static final int PLOT_WIDTH = 760;

	static final int LANE_HEIGHT = 18;

	static final int AXIS_HEIGHT = 22;

	/** @param partition drawn indented under its manager step */
	public record Lane(String label, boolean partition, int y, List<Bar> bars) {

		public int textY() {
			return this.y + LANE_HEIGHT - 5;
		}

	}

	/**
	 * One step or partition execution, or several merged when a lane has too many to draw apart.
	 *
	 * @param steps the step execution ids it stands for, space-separated
	 */
	public record Bar(double x, double width, String status, String title, String steps) {

		public String cssClass() {
			return "bar s-" + this.status.toLowerCase();
		}

	}

	public record Tick(double x, String label) {

	}

	public boolean empty() {
		return this.lanes.isEmpty();
	}

	private static final Pattern ROUND = Pattern.compile(":gen(\\d+)-");

	/**
	 * The lane of a partition, the name both the timeline and the steps table show: its name without the round of a
	 * loop of partitioned steps ({@code lifeBand:gen000000120-band1} → {@code lifeBand:band1}).
	 */
	public static String laneName(String stepName) {
		return ROUND.matcher(stepName).replaceFirst(":");
	}

	/** The round that {@link #laneName} leaves out, as the steps table shows it beside the lane: {@code gen 120}. */
	public static String round(String stepName) {
		Matcher round = ROUND.matcher(stepName);
		return round.find() ? "gen " + Long.parseLong(round.group(1)) : "";
	}

}
