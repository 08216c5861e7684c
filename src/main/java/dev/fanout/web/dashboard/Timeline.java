package dev.fanout.web.dashboard;

import java.util.List;

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

}
