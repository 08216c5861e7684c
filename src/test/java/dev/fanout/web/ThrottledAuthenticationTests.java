package dev.fanout.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The operator's logins through the throttle, on a clock the test moves: no sleeping. */
class ThrottledAuthenticationTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final ThrottledAuthentication authentication = new ThrottledAuthentication(check(), new LoginThrottle(this.clock));

	@Test
	void theSixthAttemptIsRefusedEvenWithTheRightPasswordUntilTheDelayHasPassed() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> login("10.0.0.1", "wrong"));
		}

		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> login("10.0.0.1", "right"))
			.withMessage("too many failed logins from this address or for this user name: try again in 30 s");
		this.clock.advance(LoginThrottle.FIRST_DELAY.minusSeconds(1));
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> login("10.0.0.1", "right"))
			.satisfies((refused) -> assertThat(refused.retryAfterSeconds()).isEqualTo(1));
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(login("10.0.0.1", "right").isAuthenticated()).isTrue();
	}

	@Test
	void theUserNameIsThrottledFromAnotherAddressToo() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			String address = "10.0.0." + i;
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> login(address, "wrong"));
		}

		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> login("10.0.0.99", "right"));
	}

	private Authentication login(String address, String password) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("operator", password);
		attempt.setDetails(new WebAuthenticationDetails(address, null));
		return this.authentication.authenticate(attempt);
	}

	private static DaoAuthenticationProvider check() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}right").roles("OPERATOR").build());
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return provider;
	}

}
