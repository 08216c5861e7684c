package dev.fanout.web.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.web.util.UriComponentsBuilder;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.history.ExecutionSummary;

/**
 * One page of the executions list, newest first, with the filters that made it.
 *
 * @param page from 0
 */
public record ExecutionListing(List<Row> rows, @Nullable String job, @Nullable String status, int page, boolean hasNext,
		List<String> jobs) {

	static final int PAGE_SIZE = 20;

	/**
	 * @param progress for a running execution, its progress bar; {@code null} otherwise
	 * @param given the parameters that differ from the job's defaults, in the order the job describes them
	 * @param defaults the others (left at their defaults, and {@code run.id})
	 * @param continuedIn for a FAILED or STOPPED execution that a restart went on with, the instance's last execution
	 */
	public record Row(ExecutionSummary execution, @Nullable ProgressView progress, String given, String defaults,
			@Nullable ExecutionSummary continuedIn) {

		/** What the "Progress / exit" column says of an execution that is not running: its summary, else its exit. */
		public String outcome() {
			return !this.execution.summary().isEmpty() ? this.execution.summary() : this.execution.exitDescription();
		}

	}

	/**
	 * The execution's parameters split into those given (differing from the defaults) and the others. A default input
	 * file is stored absolute by a launch ({@link JobDescription#storedValues}), as given by a schedule or the chapter.
	 */
	static String[] parameters(ExecutionSummary execution, @Nullable JobDescription<?> job, Path dataDir) {
		Map<String, String> defaults = (job != null) ? job.withDefaults(Map.of()) : Map.of();
		Map<String, String> stored = (job != null) ? job.storedValues(Map.of(), dataDir) : Map.of();
		List<String> order = (job != null) ? job.parameters().stream().map(JobParameterDescription::name).toList()
				: List.of();
		List<String> names = new ArrayList<>(execution.parameters().keySet());
		names.sort(Comparator.comparingInt((String name) -> order.contains(name) ? order.indexOf(name) : order.size())
			.thenComparing(Comparator.naturalOrder()));
		StringJoiner given = new StringJoiner(" ");
		StringJoiner rest = new StringJoiner(" ");
		for (String name : names) {
			String value = execution.parameters().get(name);
			boolean atDefault = value.equals(defaults.get(name)) || value.equals(stored.get(name))
					|| !order.contains(name);
			(atDefault ? rest : given).add(name + "=" + value);
		}
		return new String[] { given.toString(), rest.toString() };
	}

	public List<String> statuses() {
		return Arrays.stream(BatchStatus.values()).map(BatchStatus::name).toList();
	}

	/** The link to another page with the same filters. */
	public String pageLink(int target) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/executions");
		if (this.job != null) {
			link.queryParam("job", this.job);
		}
		if (this.status != null) {
			link.queryParam("status", this.status);
		}
		return link.queryParam("page", target).encode().build().toUriString();
	}

	public boolean filtered() {
		return this.job != null || this.status != null;
	}

}
