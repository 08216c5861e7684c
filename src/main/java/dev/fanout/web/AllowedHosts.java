package dev.fanout.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers only requests addressed to this server by a name it knows: {@code localhost} (and {@code *.localhost}), an
 * IP address, or a name in {@code fanout.web.allowed-hosts} ({@code *} for any). Defends against DNS rebinding: a
 * page of another site whose name the attacker points at 127.0.0.1 would otherwise be same-origin with this server in
 * the browser, and read what {@link LocalOrOperator} lets every local client read (executions, outputs, metrics). An
 * IP address cannot be rebound, and a browser resolves {@code localhost} itself; a reverse proxy's name, or the
 * machine's, must be configured. Refused with a 403 problem detail before anything else looks at the request.
 */
final class AllowedHosts extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(AllowedHosts.class);

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[0-9a-z._~-]+)?]");

	static final String REFUSED = "this server does not answer to the host name '%s': it answers to localhost and IP "
			+ "addresses only, so that a page of another site cannot reach it through a name pointed at this machine "
			+ "(DNS rebinding). To use this name (a reverse proxy's, the machine's), add it to fanout.web.allowed-hosts "
			+ "(e.g. the environment variable FANOUT_WEB_ALLOWED_HOSTS=%s) and restart 'fanout serve'";

	private final Set<String> names;

	private final boolean any;

	AllowedHosts(List<String> names) {
		this.names = Set.copyOf(names.stream().map(AllowedHosts::normalized).toList());
		this.any = this.names.contains("*");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getServerName();
		if (!allows(host)) {
			String shown = MistypedValues.shown(host);
			logger.warn("Refused {} {} addressed to host '{}': not an allowed host name", request.getMethod(),
					MistypedValues.shown(request.getRequestURI()), shown);
			ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, REFUSED.formatted(shown, shown));
			return;
		}
		chain.doFilter(request, response);
	}

	/** Whether a request addressed to this host name (as the Host header gives it, without the port) may go on. */
	boolean allows(String host) {
		if (this.any) {
			return true;
		}
		String name = normalized(host);
		return name.equals("localhost") || name.endsWith(".localhost") || IPV4.matcher(name).matches()
				|| IPV6.matcher(name).matches() || this.names.contains(name);
	}

	/** A host name as compared: lower case, without a final dot, an IPv6 address in brackets. */
	private static String normalized(String host) {
		String name = host.trim().toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		return (name.contains(":") && !name.startsWith("[")) ? "[" + name + "]" : name;
	}

}
