package dev.fanout.web.dashboard;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.fanout.batch.JobDescription;
import dev.fanout.core.CommandFailure;
import dev.fanout.launch.BackgroundLaunches;
import dev.fanout.launch.Launcher;
import dev.fanout.web.LaunchOrigins;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The jobs page and each job's launch form. A launch goes through {@link BackgroundLaunches}, as the API's do; a
 * refusal of the parameters (the job's validator, or a field given twice) comes back beside the form with what was
 * entered.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LaunchForms extends DashboardController {

	private static final Logger logger = LoggerFactory.getLogger(LaunchForms.class);

	private final Launcher launcher;

	private final ObjectProvider<BackgroundLaunches> launches;

	LaunchForms(Launcher launcher, ObjectProvider<BackgroundLaunches> launches) {
		this.launcher = launcher;
		this.launches = launches;
	}

	@GetMapping("/jobs")
	String jobs(Model model) {
		model.addAttribute("jobs", this.launcher.descriptions());
		return "jobs";
	}

	@GetMapping("/jobs/{name}")
	String form(@PathVariable String name, Model model) {
		model.addAttribute("form", LaunchForm.blank(description(name)));
		return "launch";
	}

	@PostMapping("/jobs/{name}")
	ModelAndView launch(@PathVariable String name, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes flash, HttpServletRequest request) {
		JobDescription<?> job = description(name);
		Map<String, String> given = LaunchForm.given(job, form.toSingleValueMap());
		boolean newInstance = form.containsKey(LaunchForm.NEW_INSTANCE);
		BackgroundLaunches background = this.launches.getIfAvailable();
		try {
			String repeated = LaunchForm.repeated(job, form);
			if (repeated != null) {
				throw CommandFailure.usage("the form gives \"%s\" twice: give it once".formatted(repeated));
			}
			if (background == null) {
				throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, "this server runs no jobs (fanout.serving is off)");
			}
			long id = background.start(name, given, newInstance, LaunchOrigins.dashboard(request));
			logger.info("Dashboard: launched {} as execution {}", name, id);
			flash.addFlashAttribute("notice", "Launched %s: execution %d.".formatted(name, id));
			return new ModelAndView("redirect:/executions/" + id);
		}
		catch (CommandFailure refused) {
			if (refused.kind() == CommandFailure.Kind.NOT_FOUND) {
				throw refused;
			}
			HttpStatus status = (refused.kind() == CommandFailure.Kind.USAGE) ? HttpStatus.UNPROCESSABLE_CONTENT
					: (refused.kind() == CommandFailure.Kind.CONFLICT) ? HttpStatus.CONFLICT
							: HttpStatus.SERVICE_UNAVAILABLE;
			ModelAndView page = new ModelAndView("launch", status);
			page.addObject("form", new LaunchForm(job, given, newInstance, refused.pageMessage()));
			return page;
		}
	}

	private JobDescription<?> description(String name) {
		this.launcher.job(name); // unknown: a 404 naming the jobs
		return this.launcher.descriptions().stream().filter((d) -> d.jobName().equals(name)).findFirst().orElseThrow();
	}

}
