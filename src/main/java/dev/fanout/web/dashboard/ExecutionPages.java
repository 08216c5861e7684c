package dev.fanout.web.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.fanout.batch.JobDescription;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.FanoutProperties;
import dev.fanout.history.ExecutionDetail;
import dev.fanout.history.ExecutionFilter;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionPage;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.launch.ExecutionActions;
import dev.fanout.launch.ExecutionProgress;
import dev.fanout.launch.Launcher;

/** The executions list and an execution's detail page, plus what their live updates fetch. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExecutionPages extends DashboardController {

	private final ExecutionHistory history;

	private final Launcher launcher;

	private final ExecutionActions actions;

	private final SchedulesPanel schedules;

	private final ExecutionProgress progress;

	private final Path dataDir;

	ExecutionPages(ExecutionHistory history, Launcher launcher, ExecutionActions actions, SchedulesPanel schedules,
			ExecutionProgress progress, FanoutProperties fanout) {
		this.history = history;
		this.launcher = launcher;
		this.actions = actions;
		this.schedules = schedules;
		this.progress = progress;
		this.dataDir = fanout.dataDir();
	}

	@GetMapping("/")
	String home() {
		return "redirect:/executions";
	}

	@GetMapping("/executions")
	String list(@RequestParam(required = false) @Nullable String job,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		job = blankToNull(job);
		status = blankToNull(status);
		if (job != null) {
			this.launcher.job(job); // an unknown job is a 404 that names the jobs, not an empty list
		}
		ExecutionPage found = page(job, status, Math.max(page, 0));
		List<ExecutionListing.Row> rows = new ArrayList<>();
		Map<String, JobDescription<?>> descriptions = this.launcher.descriptions().stream()
			.collect(Collectors.toMap(JobDescription::jobName, Function.identity()));
		for (ExecutionSummary summary : found.items()) {
			boolean running = summary.running();
			String[] parameters = ExecutionListing.parameters(summary, descriptions.get(summary.job()),
					this.dataDir);
			rows.add(new ExecutionListing.Row(summary, running ? progress(summary.id()) : null, parameters[0],
					parameters[1], this.history.continuedIn(summary)));
		}
		List<String> jobs = this.launcher.descriptions().stream().map(JobDescription::jobName).toList();
		model.addAttribute("listing", new ExecutionListing(rows, job, status, found.page(),
				(found.page() + 1L) * ExecutionListing.PAGE_SIZE < found.total(), jobs));
		model.addAttribute("schedules", this.schedules.overview());
		return "executions";
	}

	/**
	 * One page of the list, by offset and limit as the API pages: a page past the last (an old link, a hand-typed
	 * {@code page=107374183}) shows the last one. A status name that is no batch status matches nothing.
	 */
	private ExecutionPage page(@Nullable String job, @Nullable String status, int page) {
		ExecutionFilter filter = ExecutionFilter.of(job, status).orElse(null);
		if (filter == null) {
			return new ExecutionPage(List.of(), 0, ExecutionListing.PAGE_SIZE, 0);
		}
		ExecutionPage found = this.history.page(filter, page, ExecutionListing.PAGE_SIZE);
		long last = Math.max(0, (found.total() - 1) / ExecutionListing.PAGE_SIZE);
		return (page > last) ? this.history.page(filter, (int) last, ExecutionListing.PAGE_SIZE) : found;
	}

	/**
	 * The progress of running executions, for the list's live bars: {@code ?ids=3,4}. An execution that is gone (pruned
	 * since the list was shown) is left out rather than failing the answer for every bar; the script reloads the list.
	 */
	@GetMapping(path = "/executions/progress", produces = "application/json")
	@ResponseBody
	List<ProgressView> progress(@RequestParam String ids) {
		return Arrays.stream(ids.split(",")).limit(100).map(String::trim).filter((id) -> id.matches("\\d{1,18}"))
			.<ProgressView>mapMulti((id, found) -> {
				try {
					found.accept(progress(Long.parseLong(id)));
				}
				catch (CommandFailure missing) {
					if (missing.kind() != CommandFailure.Kind.NOT_FOUND) {
						throw missing;
					}
				}
			})
			.toList();
	}

	@GetMapping("/executions/{id}")
	String detail(@PathVariable long id, Model model) {
		fill(id, model);
		return "execution";
	}

	/** The part of the detail page that changes while the execution runs, re-fetched by the live update. */
	@GetMapping("/executions/{id}/live")
	String live(@PathVariable long id, Model model) {
		fill(id, model);
		return "execution :: live";
	}

	/** From one read of the execution: its status, steps, progress and actions agree ({@code running} among them). */
	private void fill(long id, Model model) {
		ExecutionHistory.Read read = this.history.read(id);
		JobExecution execution = read.execution();
		ExecutionDetail detail = this.history.detail(read);
		model.addAttribute("detail", detail);
		// Partitions that ran on 'fanout worker' processes: the steps table gets a column saying which.
		model.addAttribute("remote", detail.steps().stream().anyMatch((step) -> step.worker() != null));
		model.addAttribute("continuedIn", this.history.continuedIn(detail.execution()));
		model.addAttribute("progress", ProgressView.of(this.progress.of(execution)));
		model.addAttribute("timeline", TimelineLayout.of(detail));
		model.addAttribute("actions", this.actions.allowed(execution, read.ownership()));
		model.addAttribute("pictures", Pictures.of(id, detail.outputs(), description(execution)));
		model.addAttribute("outputs", OutputFiles.entries(id, detail.outputs()));
	}

	private ProgressView progress(long id) {
		return ProgressView.of(this.progress.of(this.history.find(id)));
	}

	private @Nullable JobDescription<?> description(JobExecution execution) {
		String name = execution.getJobInstance().getJobName();
		return this.launcher.descriptions().stream().filter((d) -> d.jobName().equals(name)).findFirst().orElse(null);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
