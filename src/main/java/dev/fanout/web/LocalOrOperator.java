package dev.fanout.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Allows a request that comes from this host (a loopback address), or from an authenticated operator. Behind a
 * reverse proxy on the same host every request looks local: bind to 127.0.0.1 and let the proxy authenticate, or
 * configure the operator and bind elsewhere.
 */
final class LocalOrOperator implements AuthorizationManager<RequestAuthorizationContext> {

	private final AuthorityAuthorizationManager<RequestAuthorizationContext> operator;

	LocalOrOperator(String role) {
		this.operator = AuthorityAuthorizationManager.hasRole(role);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		if (isLoopback(context.getRequest().getRemoteAddr())) {
			return new AuthorizationDecision(true);
		}
		return this.operator.authorize(authentication, context);
	}

	static boolean isLoopback(@Nullable String address) {
		if (address == null || address.isEmpty()) {
			return false;
		}
		try {
			// The servlet container gives an IP literal, so this does no name lookup.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
