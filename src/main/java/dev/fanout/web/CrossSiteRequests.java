package dev.fanout.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a mutating request of {@code /api/**} that a browser sent on behalf of another site: the API has no CSRF
 * token, and a browser that has cached the operator's Basic credentials (the API's {@code WWW-Authenticate: Basic}
 * makes it ask and cache them) sends them with a form another site posts here. Refused with a 403 problem detail,
 * before any credentials are checked:
 * <ul>
 * <li>an {@code Origin} header that is not this server's own origin (also the opaque {@code null});</li>
 * <li>{@code Sec-Fetch-Site: cross-site} or {@code same-site} (another port or subdomain is another origin).</li>
 * </ul>
 * Programs (curl, the CLI, scripts) send neither header and are unaffected, as are the API's own pages: a page of this
 * origin sends its own {@code Origin} and {@code Sec-Fetch-Site: same-origin}. Reading (GET, HEAD, OPTIONS) changes
 * nothing and is not checked.
 */
final class CrossSiteRequests extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(CrossSiteRequests.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final Set<String> FOREIGN_FETCH_SITES = Set.of("cross-site", "same-site");

	static final String REFUSED = "cross-site request refused: a browser sent this %s on behalf of %s, and the API "
			+ "accepts changes only from programs (which send no Origin header) or from pages of %s";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String foreign = foreignSite(request);
		if (foreign != null) {
			logger.warn("Refused {} {} from {}: cross-site", request.getMethod(), request.getRequestURI(), foreign);
			ProblemResponses.write(request, response, HttpStatus.FORBIDDEN,
					REFUSED.formatted(request.getMethod(), foreign, ownOrigin(request)));
			return;
		}
		chain.doFilter(request, response);
	}

	/** Who else the request came from, for the refusal's message; {@code null} when it may go on. */
	static @Nullable String foreignSite(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
			return null;
		}
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null && FOREIGN_FETCH_SITES.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
			return "a page of another site (Sec-Fetch-Site: " + fetchSite.trim() + ")";
		}
		String origin = request.getHeader("Origin");
		if (origin != null && !sameOrigin(origin, request)) {
			return "a page of " + printable(origin);
		}
		return null;
	}

	/** Whether the Origin header names this server as the request reached it (scheme, host and port). */
	static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI uri = new URI(origin.trim());
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (scheme == null || host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
				return false;
			}
			return scheme.equalsIgnoreCase(request.getScheme()) && unbracketed(host).equalsIgnoreCase(unbracketed(request.getServerName()))
					&& port(scheme, uri.getPort()) == port(request.getScheme(), request.getServerPort());
		}
		catch (URISyntaxException ex) {
			return false; // also "null", the origin of sandboxed frames and some redirects
		}
	}

	private static String ownOrigin(HttpServletRequest request) {
		int port = request.getServerPort();
		boolean usual = port == port(request.getScheme(), -1);
		String host = unbracketed(request.getServerName());
		return request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + (usual ? "" : ":" + port);
	}

	/** An IPv6 address without the brackets it has in a URL or Host header. */
	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private static int port(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	/** The header as it may be echoed in a message: hostile input, so short and without control characters. */
	private static String printable(String header) {
		String clean = header.replaceAll("[^\\x20-\\x7e]", "?");
		return (clean.length() > 100) ? clean.substring(0, 100) + "..." : clean;
	}

}
