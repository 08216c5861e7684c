package dev.fanout.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
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

	@Test
	void aBurstOfParallelGuessesGetsOnlyTheFreeFailuresChecked() throws Exception {
		LoginThrottle throttle = new LoginThrottle(this.clock);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger checked = new AtomicInteger();
		AuthenticationProvider check = check();
		AuthenticationProvider slowCheck = new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication attempt) {
				checked.incrementAndGet();
				try {
					release.await(); // every admitted guess is in flight at once
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return check.authenticate(attempt);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return true;
			}

		};
		ThrottledAuthentication guarded = new ThrottledAuthentication(slowCheck, throttle);
		int guesses = 20;
		ExecutorService threads = Executors.newFixedThreadPool(guesses);
		try {
			List<Future<Class<?>>> outcomes = new ArrayList<>();
			for (int i = 0; i < guesses; i++) {
				String password = "guess" + i;
				outcomes.add(threads.submit(() -> outcome(() -> login(guarded, "10.0.0.1", password))));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (throttle.waiting() < guesses - LoginThrottle.FREE_FAILURES) {
				assertThat(System.nanoTime()).as("the guesses beyond the free failures wait for admission")
					.isLessThan(deadline);
				Thread.yield();
			}
			assertThat(checked).as("passwords checked while the first guesses are in flight")
				.hasValue(LoginThrottle.FREE_FAILURES);
			release.countDown();

			List<Class<?>> refusals = new ArrayList<>();
			for (Future<Class<?>> outcome : outcomes) {
				refusals.add(outcome.get(30, TimeUnit.SECONDS));
			}
			assertThat(refusals).filteredOn(BadCredentialsException.class::equals).hasSize(LoginThrottle.FREE_FAILURES);
			assertThat(refusals).filteredOn(LoginThrottledException.class::equals)
				.hasSize(guesses - LoginThrottle.FREE_FAILURES);
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
	}

	@Test
	void parallelLoginsWithTheRightPasswordAreAllLetIn() throws Exception {
		int logins = 3 * LoginThrottle.FREE_FAILURES;
		ExecutorService threads = Executors.newFixedThreadPool(logins);
		try {
			List<Future<Boolean>> outcomes = new ArrayList<>();
			for (int i = 0; i < logins; i++) {
				outcomes.add(threads.submit(() -> login("10.0.0.1", "right").isAuthenticated()));
			}
			for (Future<Boolean> outcome : outcomes) {
				assertThat(outcome.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** The class of the refusal of a login, or of its success's absence. */
	private static Class<?> outcome(Runnable login) {
		try {
			login.run();
			return Void.class;
		}
		catch (AuthenticationException ex) {
			return ex.getClass();
		}
	}

	private Authentication login(String address, String password) {
		return login(this.authentication, address, password);
	}

	private static Authentication login(ThrottledAuthentication authentication, String address, String password) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("operator", password);
		attempt.setDetails(new WebAuthenticationDetails(address, null));
		return authentication.authenticate(attempt);
	}

	private static DaoAuthenticationProvider check() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}right").roles("OPERATOR").build());
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return provider;
	}

}
