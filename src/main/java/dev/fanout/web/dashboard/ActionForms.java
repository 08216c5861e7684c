package dev.fanout.web.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.fanout.core.CommandFailure;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.launch.BackgroundLaunches;
import dev.fanout.launch.ExecutionActions;
import dev.fanout.web.LaunchOrigins;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The action buttons of the detail page (POST forms with a CSRF token; the security configuration lets only the
 * operator post). Each action is decided again by the rules that chose the buttons ({@code ExecutionRules}, through
 * {@link ExecutionActions} and {@code Launcher.restart}): the page may be stale, and a refusal shows the rules'
 * message in the dashboard's words (its buttons and forms, not the CLI's commands).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ActionForms extends DashboardController {

	private static final Logger logger = LoggerFactory.getLogger(ActionForms.class);

	private final ExecutionHistory history;

	private final ExecutionActions actions;

	private final ObjectProvider<BackgroundLaunches> launches;

	ActionForms(ExecutionHistory history, ExecutionActions actions, ObjectProvider<BackgroundLaunches> launches) {
		this.history = history;
		this.actions = actions;
		this.launches = launches;
	}

	@PostMapping("/executions/{id}/{action:stop|restart|recover|abandon}")
	String act(@PathVariable long id, @PathVariable String action, RedirectAttributes flash,
			HttpServletRequest request) {
		JobExecution execution = this.history.find(id);
		logger.info("Dashboard: {} execution {}", action, id);
		long shown = id;
		String notice;
		// The same actions and checks as the CLI and the API, and the same refusals in the dashboard's words.
		switch (action) {
			case "stop" -> {
				this.actions.stop(id);
				notice = "Stop requested; the execution stops at its next chunk or partition boundary.";
			}
			case "restart" -> {
				shown = launches().restart(execution, LaunchOrigins.dashboard(request));
				notice = "Execution %d restarts execution %d's instance.".formatted(shown, id);
			}
			case "recover" -> notice = this.actions.recover(id, false).pageMessage();
			default -> {
				this.actions.abandon(id);
				notice = "Execution ABANDONED: its instance will not be restarted.";
			}
		}
		flash.addFlashAttribute("notice", notice);
		return "redirect:/executions/" + shown;
	}

	private BackgroundLaunches launches() {
		BackgroundLaunches launches = this.launches.getIfAvailable();
		if (launches == null) {
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, "this server runs no jobs (fanout.serving is off)");
		}
		return launches;
	}

}
