package dev.fanout.web;

import dev.fanout.batch.LaunchOrigin;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who launches through a request: the user Spring Security authenticated (none for a loopback caller without login)
 * and the address of the connection. The address is the socket's unless an operator behind a proxy sets
 * {@code server.forward-headers-strategy}: by default a caller cannot claim another address with a header.
 */
public final class LaunchOrigins {

	private LaunchOrigins() {
	}

	/** A launch through the REST API. */
	public static LaunchOrigin api(HttpServletRequest request) {
		return LaunchOrigin.server("API", request.getRemoteUser(), request.getRemoteAddr());
	}

	/** A launch through the dashboard. */
	public static LaunchOrigin dashboard(HttpServletRequest request) {
		return LaunchOrigin.server("dashboard", request.getRemoteUser(), request.getRemoteAddr());
	}

}
