package dev.fanout.web.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.fanout.core.WebProperties;
import dev.fanout.web.OperatorAccount;

/**
 * The operator's login page, in the dashboard's look (Spring Security processes the form's POST to {@code /login}).
 * When no operator password is configured it says how to set one, instead of a form that cannot succeed. After too
 * many failed logins it says so, and how long to wait ({@code web.LoginThrottle}).
 */
@Controller
class LoginPage extends DashboardController {

	private final OperatorAccount operator;

	LoginPage(OperatorAccount operator) {
		this.operator = operator;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			@RequestParam(required = false) String throttled, Model model) {
		model.addAttribute("error", error != null);
		model.addAttribute("loggedOut", logout != null);
		// Seconds to wait after too many failed logins; only a small number is shown (the query is anyone's to forge).
		model.addAttribute("throttled", throttled != null);
		model.addAttribute("retryAfter", (throttled != null && throttled.matches("\\d{1,4}")) ? throttled : null);
		model.addAttribute("configured", this.operator.configured());
		model.addAttribute("username", this.operator.username());
		model.addAttribute("howToConfigure", WebProperties.HOW_TO_SET_PASSWORD);
		return "login";
	}

}
