package dev.fanout.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.fanout.system.WebProperties;

/**
 * The operator's login page, in the dashboard's look (Spring Security processes the form's POST to {@code /login}).
 * When no operator password is configured it says how to set one, instead of a form that cannot succeed.
 */
@Controller
class LoginPage extends DashboardController {

	private final WebProperties web;

	LoginPage(WebProperties web) {
		this.web = web;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			Model model) {
		model.addAttribute("error", error != null);
		model.addAttribute("loggedOut", logout != null);
		model.addAttribute("configured", this.web.operator().configured());
		model.addAttribute("howToConfigure", WebProperties.HOW_TO_SET_PASSWORD);
		return "login";
	}

}
