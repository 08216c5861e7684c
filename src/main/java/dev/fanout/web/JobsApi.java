package dev.fanout.web;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.launch.LaunchRequest;
import dev.fanout.launch.Launcher;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/jobs}: the jobs and their parameters, as {@code fanout jobs} lists them, one job's, and launches. */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "jobs")
class JobsApi {

	private final Launcher launcher;

	private final ServerLaunches launches;

	private final ExecutionHistory history;

	JobsApi(Launcher launcher, ServerLaunches launches, ExecutionHistory history) {
		this.launcher = launcher;
		this.launches = launches;
		this.history = history;
	}

	/** One job: its name, what it does and its parameters (name, default, meaning, alternative). */
	record JobView(String name, String summary, List<JobParameterDescription> parameters) {

	}

	@GetMapping
	@Operation(summary = "Every job with what it does and its parameters")
	List<JobView> jobs() {
		return this.launcher.descriptions().stream().map(JobsApi::view).toList();
	}

	/** One job, as the list shows it; an unknown job is a 404 naming the jobs, as a launch of it is. */
	@GetMapping("/{job}")
	@Operation(summary = "One job with what it does and its parameters")
	JobView job(@PathVariable String job) {
		return view(this.launcher.description(job));
	}

	private static JobView view(JobDescription<?> job) {
		return new JobView(job.jobName(), job.summary(), job.parameters());
	}

	/**
	 * Launches the job in the background, as {@code run} does (the same parameters as a FAILED or STOPPED instance
	 * restart it); answers 202 as soon as the execution exists, with its URL in {@code Location}.
	 */
	@PostMapping("/{job}/executions")
	@Operation(summary = "Launch a job; 202 with the new execution (Location: /api/executions/{id}) as soon as it starts")
	ResponseEntity<ExecutionSummary> launch(@PathVariable String job,
			@RequestBody(required = false) @Nullable LaunchRequest request, HttpServletRequest http) {
		LaunchRequest launch = (request != null) ? request : new LaunchRequest(null, null);
		long id = this.launches.get().start(job, launch.given(), launch.fresh(), LaunchOrigins.api(http));
		return accepted(this.history, id);
	}

	static ResponseEntity<ExecutionSummary> accepted(ExecutionHistory history, long id) {
		return ResponseEntity.accepted().location(URI.create("/api/executions/" + id)).body(history.detail(id).execution());
	}

}
