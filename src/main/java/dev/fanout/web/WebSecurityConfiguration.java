package dev.fanout.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.CookieRequestCache;

import dev.fanout.core.WebProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may do what on {@code serve}: reading is open to requests from this host (the server binds to 127.0.0.1 by
 * default) and needs the operator from anywhere else; every mutating request needs the operator. {@code /api/**} and
 * {@code /actuator/**} are for programs: HTTP Basic, no session, no CSRF token; since a browser that has cached Basic
 * credentials sends them to cross-site requests too, a mutating request that a browser marks as coming from another
 * site is refused ({@link CrossSiteRequests}). Everything else (the dashboard) uses a form login at {@code /login}
 * (the dashboard's own page, {@code dashboard.LoginPage}) with a session whose cookie is {@code SameSite=Lax}
 * (application.yml), made only by a login, and keeps CSRF protection (its token in a cookie).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WebSecurityConfiguration.class);

	static final String OPERATOR = "OPERATOR";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt
	}

	@Bean
	LoginThrottle loginThrottle(ObjectProvider<Clock> clock) {
		return new LoginThrottle(clock.getIfAvailable(Clock::systemDefaultZone));
	}

	/**
	 * The operator's logins, form and HTTP Basic, throttled: the operator with the password's hash
	 * ({@link OperatorAccount}), no account at all when no password is configured.
	 */
	@Bean
	AuthenticationProvider operatorAuthentication(OperatorAccount operator, PasswordEncoder encoder,
			LoginThrottle throttle) {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (!operator.configured()) {
			logger.warn("Fanout: {}", WebProperties.HOW_TO_SET_PASSWORD);
		}
		else {
			users.createUser(User.withUsername(operator.username())
				.password(Objects.requireNonNull(operator.passwordHash(), "hashed in a web application"))
				.roles(OPERATOR)
				.build());
		}
		DaoAuthenticationProvider check = new DaoAuthenticationProvider(users);
		check.setPasswordEncoder(encoder);
		return new ThrottledAuthentication(check, throttle);
	}

	/** Before every other filter (Spring Security's included): a refused host name sees nothing else. */
	@Bean
	FilterRegistrationBean<AllowedHosts> allowedHosts(WebProperties web) {
		FilterRegistrationBean<AllowedHosts> registration = new FilterRegistrationBean<>(
				new AllowedHosts(web.allowedHosts()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * An address that Spring Security's firewall refuses before any filter chain ({@code /api/jobs/%2e%2e/executions},
	 * a {@code ;}, a {@code //}): a problem detail that says so, instead of Spring Boot's error JSON that named nothing.
	 * The reason is not echoed: it may quote a header's value.
	 */
	@Bean
	RequestRejectedHandler requestRejected() {
		return (request, response, rejected) -> {
			logger.info("Refused {} {}: {}", request.getMethod(), MistypedValues.shown(request.getRequestURI()),
					MistypedValues.shown(rejected.getMessage()));
			ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, REJECTED);
		};
	}

	static final String REJECTED = "this address is refused: its path has an encoded '/', '\\', '.' or '%', a ';', "
			+ "a '//' or a control character, or a header has a character that is not allowed, which could make it "
			+ "reach another path than it shows; write the path plainly, e.g. /api/executions/42";

	@Bean
	ProblemResponses problemResponses(OperatorAccount operator) {
		return new ProblemResponses(operator.configured(), operator.username());
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) {
		http.securityMatcher("/api/**", "/actuator/**")
			.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new CrossSiteRequests(), BasicAuthenticationFilter.class)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/**")
				.access(new LocalOrOperator(OPERATOR))
				.requestMatchers(HttpMethod.HEAD, "/**")
				.access(new LocalOrOperator(OPERATOR))
				.anyRequest()
				.hasRole(OPERATOR));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain dashboardSecurity(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/**")
			.access(new LocalOrOperator(OPERATOR))
			// As the API: a HEAD reads what a GET reads (a monitor's check of a page), not a login redirect.
			.requestMatchers(HttpMethod.HEAD, "/**")
			.access(new LocalOrOperator(OPERATOR))
			.anyRequest()
			.hasRole(OPERATOR))
			// No session for a caller who has not logged in: the form's token and the page to return to after the login
			// travel in cookies. Kept in sessions, every anonymous visit of the login page (and, from another host, of
			// any page) left one on the server for 30 minutes, without bound.
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens()))
			.requestCache((cache) -> cache.requestCache(new CookieRequestCache()))
			.formLogin((form) -> form.loginPage("/login").failureHandler(WebSecurityConfiguration::loginFailed))
			.logout(Customizer.withDefaults())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(DASHBOARD_POLICY)));
		return http.build();
	}

	/**
	 * The dashboard's CSRF tokens, in a cookie as private as the session's: not for scripts, and not sent with other
	 * sites' forms or subrequests. A form's token is checked against it; the logout clears it.
	 */
	private static CookieCsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
		return tokens;
	}

	/**
	 * What a dashboard page may load and where its forms may go: its own origin only. The pages echo job parameters,
	 * file names and exit descriptions, which Thymeleaf escapes; if one ever were not, a script or a form it smuggled
	 * in would still not run or post elsewhere. The pages' only script is {@code dashboard.js}; their inline styles are
	 * progress bars' widths ({@code th:style}), hence {@code 'unsafe-inline'} for styles alone.
	 */
	static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/** Back to the login page, saying why: a wrong password, or too many failed logins ({@link LoginThrottle}). */
	private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		String query = (failure instanceof LoginThrottledException throttled)
				? "throttled=" + throttled.retryAfterSeconds() : "error";
		response.sendRedirect(request.getContextPath() + "/login?" + query);
	}

}
