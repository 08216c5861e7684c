package dev.fanout.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.launch.ExecutionActions;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/executions/{id}/stop|restart|recover|abandon}: the CLI's commands of the same names, with their
 * checks ({@link ExecutionActions}, {@link Launcher#restart}); a refusal is a 409 problem detail that names the
 * requests to send where the CLI names commands.
 */
@RestController
@RequestMapping("/api/executions/{id}")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "executions")
class ExecutionActionsApi {

	private final ExecutionActions actions;

	private final ServerLaunches launches;

	private final ExecutionHistory history;

	ExecutionActionsApi(ExecutionActions actions, ServerLaunches launches, ExecutionHistory history) {
		this.actions = actions;
		this.launches = launches;
		this.history = history;
	}

	@PostMapping("/stop")
	@Operation(summary = "Ask a running execution to stop at its next boundary (202: it ends STOPPED later)")
	ResponseEntity<ExecutionSummary> stop(@PathVariable long id) {
		this.actions.stop(id);
		return ResponseEntity.accepted().body(summary(id));
	}

	@PostMapping("/restart")
	@Operation(summary = "Restart a FAILED or STOPPED execution's instance; 202 with the new execution")
	ResponseEntity<ExecutionSummary> restart(@PathVariable long id, HttpServletRequest request) {
		long restarted = this.launches.get().restart(this.history.find(id), LaunchOrigins.api(request));
		return JobsApi.accepted(this.history, restarted);
	}

	@PostMapping("/recover")
	@Operation(summary = "Mark an execution left running by a dead process FAILED, so it can be restarted")
	ExecutionSummary recover(@PathVariable long id, @Parameter(description = "even if its owner looks alive: "
			+ "only when its process is surely dead, or a second run may start beside it") @RequestParam(defaultValue = "false") boolean force) {
		this.actions.recover(id, force);
		return summary(id);
	}

	@PostMapping("/abandon")
	@Operation(summary = "Mark a FAILED or STOPPED execution ABANDONED: its instance never restarts")
	ExecutionSummary abandon(@PathVariable long id) {
		this.actions.abandon(id);
		return summary(id);
	}

	private ExecutionSummary summary(long id) {
		return this.history.detail(id).execution();
	}

}
