package dev.fanout.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * How far an execution has got, the one model behind the CLI's live line and the dashboard's progress bars: the
 * units its job counts ({@link ProgressMeasure}, declared by the job), done over all attempts of the instance out of
 * the total, and the partitions of the fan-out running now.
 *
 * @param total units to do, 0 while unknown
 * @param partitionsDone partitions of the running fan-out that have ended, counting those that completed in an
 *     earlier attempt and were not run again; 0 (as {@code partitionsTotal}) when no fan-out runs
 * @param doneBefore units done by the earlier attempts of the instance: {@code done - doneBefore} is this execution's
 * @param items items read by this execution's steps and partitions (not the managers'), for a rate when the job
 *     counts steps
 */
public record Progress(long executionId, String status, boolean running, long done, long total, String unit,
		long doneBefore, int partitionsDone, int partitionsTotal, long items, Duration elapsed) {

	/** How far {@code attempts.current()} has got, counted in what {@code measure} counts. */
	public static Progress of(Attempts attempts, ProgressMeasure measure) {
		JobExecution execution = attempts.current();
		ProgressMeasure.Amount amount = measure.measure(attempts);
		List<JobExecution> earlier = attempts.earlier();
		long doneBefore = earlier.isEmpty() ? 0 : measure.measure(new Attempts(earlier.get(earlier.size() - 1),
				earlier.subList(0, earlier.size() - 1), attempts.stepNames())).done();
		int partitionsTotal = 0;
		int partitionsRunning = 0;
		long items = 0;
		Optional<StepExecution> fanOut = execution.getStepExecutions().stream()
			.filter((step) -> step.getStatus().isRunning())
			.filter((step) -> step.getExecutionContext().containsKey(RestartSafeSplitter.PARTITIONS))
			.findFirst();
		for (StepExecution step : execution.getStepExecutions()) {
			boolean partition = PartitionSteps.isPartition(step.getStepName());
			if (partition && step.getStatus().isRunning()) {
				partitionsRunning++;
			}
			if (!step.getExecutionContext().containsKey(RestartSafeSplitter.GRID_SIZE)) {
				items += step.getReadCount();
			}
		}
		if (fanOut.isPresent()) {
			// Only one fan-out of an execution runs at a time: the running partitions are its own. Those it did not
			// start had completed in an earlier attempt.
			partitionsTotal = fanOut.get().getExecutionContext().getInt(RestartSafeSplitter.PARTITIONS);
		}
		LocalDateTime start = (execution.getStartTime() != null) ? execution.getStartTime() : execution.getCreateTime();
		LocalDateTime end = (execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now();
		return new Progress(execution.getId(), execution.getStatus().toString(), execution.getStatus().isRunning(),
				amount.done(), amount.total(), amount.unit(), doneBefore, Math.max(0, partitionsTotal - partitionsRunning),
				partitionsTotal, items, Duration.between(start, end));
	}

	/**
	 * Done out of total, in percent: 100 for a completed execution, at most 99 for one that still runs (its last
	 * units may be done while a closing step still works), 0 while the total is unknown.
	 */
	public int percent() {
		if (BatchStatus.COMPLETED.name().equals(this.status)) {
			return 100;
		}
		if (this.total <= 0) {
			return 0;
		}
		int percent = (int) Math.min(100, 100 * Math.min(this.done, this.total) / this.total);
		return this.running ? Math.min(99, percent) : percent;
	}

	/** {@code readings 600/1500 · partitions 2/5}, as the dashboard shows it beside the bar. */
	public String text() {
		StringBuilder text = new StringBuilder(amount());
		if (this.partitionsTotal > 0) {
			text.append(" · partitions %d/%d".formatted(this.partitionsDone, this.partitionsTotal));
		}
		return text.toString();
	}

	/**
	 * The CLI's live line, with this execution's rate of the job's units:
	 * {@code execution 12 STARTED  readings 600/1500 (40%, 1234/s)  partitions 2/5  0.8 s}; for a job counted in
	 * steps, the rate of items read: {@code execution 12 STARTED  steps 1/2 (50%)  items 40 (1234/s)  0.8 s}.
	 */
	public String line() {
		double seconds = Math.max(this.elapsed.toMillis(), 1) / 1000.0;
		boolean steps = ProgressMeasure.STEPS.equals(this.unit);
		StringBuilder line = new StringBuilder("execution %d %s  %s".formatted(this.executionId, this.status, amount()));
		String rate = steps ? "" : "%.0f/s".formatted((this.done - this.doneBefore) / seconds);
		if (this.total > 0 || !rate.isEmpty()) {
			line.append((this.total > 0) ? " (%d%%%s)".formatted(percent(), rate.isEmpty() ? "" : ", " + rate)
					: " (" + rate + ")");
		}
		if (this.partitionsTotal > 0) {
			line.append("  partitions %d/%d".formatted(this.partitionsDone, this.partitionsTotal));
		}
		if (steps) {
			line.append("  items %d (%.0f/s)".formatted(this.items, this.items / seconds));
		}
		line.append("  %.1f s".formatted(seconds));
		return line.toString();
	}

	/** What a plain (non-terminal) progress log shows a new line for: a change of status or of the tenth done. */
	public String milestone() {
		return this.status + " " + ((this.total > 0) ? percent() / 10 : this.done);
	}

	private String amount() {
		return "%s %d/%s".formatted(this.unit, this.done, (this.total > 0) ? Long.toString(this.total) : "?");
	}

}
