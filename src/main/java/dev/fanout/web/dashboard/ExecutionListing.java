package dev.fanout.web.dashboard;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.web.util.UriComponentsBuilder;

import dev.fanout.history.ExecutionSummary;

/**
 * One page of the executions list, newest first, with the filters that made it.
 *
 * @param page from 0
 */
public record ExecutionListing(List<Row> rows, @Nullable String job, @Nullable String status, int page, boolean hasNext,
		List<String> jobs) {

	static final int PAGE_SIZE = 20;

	/** @param progress for a running execution, its progress bar; {@code null} otherwise */
	public record Row(ExecutionSummary execution, @Nullable ProgressView progress) {

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
