package dev.fanout.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.fanout.core.WebProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security refusals of {@code /api/**} and {@code /actuator/**} as RFC 9457 problem details: 401 with a Basic
 * challenge when credentials are missing or wrong (each said so, with the operator's user name), 429 with {@code Retry-After} after too many failed logins
 * ({@link LoginThrottle}), and 403 when no operator password is configured (no credentials
 * could ever succeed, so the answer says how to configure one) or the user may not do this.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean operatorConfigured;

	private final String username;

	ProblemResponses(boolean operatorConfigured, String username) {
		this.operatorConfigured = operatorConfigured;
		this.username = username;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (!this.operatorConfigured) {
			write(request, response, HttpStatus.FORBIDDEN, WebProperties.HOW_TO_SET_PASSWORD);
			return;
		}
		if (ex instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			write(request, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"fanout\"");
		// No credentials reach here as an InsufficientAuthenticationException (anonymous); wrong ones as the
		// provider's BadCredentialsException.
		write(request, response, HttpStatus.UNAUTHORIZED, (ex instanceof InsufficientAuthenticationException)
				? "this needs the operator's credentials: HTTP Basic as user '%s'".formatted(this.username)
				: "wrong user name or password: the operator is user '%s' (HTTP Basic)".formatted(this.username));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, "only the operator may do this");
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
