package dev.fanout.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a login (the dashboard's form, the API's HTTP Basic) through {@link LoginThrottle}: a throttled one is
 * refused before its password is looked at ({@link LoginThrottledException}), as is one that would exceed the free
 * failures left together with the attempts already in flight; a wrong password counts as a failure of its client
 * address and of its user name.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ThrottledAuthentication.class);

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottledAuthentication(AuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null) ? web.getRemoteAddress() : "unknown";
		String username = authentication.getName();
		Duration wait = this.throttle.admit(address, username);
		if (wait.isPositive()) {
			// The user name is not logged: it may be a password typed into the wrong field.
			logger.warn("Login from {} refused: {}", address, LoginThrottledException.message(wait));
			throw new LoginThrottledException(wait);
		}
		try {
			Authentication result = this.delegate.authenticate(authentication);
			this.throttle.succeeded(address, username);
			return result;
		}
		catch (BadCredentialsException ex) {
			logger.info("Failed login from {}", address);
			this.throttle.failed(address, username);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			this.throttle.abandoned(address, username);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
