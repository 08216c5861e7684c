package dev.fanout.web;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

import dev.fanout.core.InvalidSetting;
import dev.fanout.core.WebProperties;

/**
 * The operator's account as {@code serve} checks it: the user name and a bcrypt hash of the password. The password
 * ({@code fanout.web.operator.password}, by default from {@code FANOUT_OPERATOR_PASSWORD}) is read once, here, hashed
 * in a web application, then taken out of the environment ({@link EnvironmentSecrets}); no bean keeps it.
 */
@Component
public class OperatorAccount {

	static final String PASSWORD = "fanout.web.operator.password";

	/** The most bytes of a password that bcrypt reads. */
	static final int BCRYPT_LIMIT = 72;

	private final String username;

	private final boolean configured;

	/** {@code null} when no password is configured, or outside {@code serve}, which checks no login. */
	private final @Nullable String passwordHash;

	OperatorAccount(ConfigurableEnvironment environment, WebProperties web, ApplicationContext context) {
		String password = environment.getProperty(PASSWORD);
		this.username = web.operator().username();
		this.configured = password != null && !password.isBlank();
		EnvironmentSecrets.hide(environment, PASSWORD);
		// Only 'serve' (a web application) checks logins: the CLI's commands need not pay for bcrypt.
		boolean serving = context instanceof WebApplicationContext;
		int bytes = this.configured ? password.getBytes(StandardCharsets.UTF_8).length : 0;
		if (serving && bytes > BCRYPT_LIMIT) {
			// bcrypt's own refusal ("password cannot be more than 72 bytes") named neither the setting nor the fix.
			throw new InvalidSetting(PASSWORD, EnvironmentSecrets.HIDDEN, ("a password of at most %d bytes in UTF-8 "
					+ "(bcrypt's limit; this one has %d): set a shorter one, in FANOUT_OPERATOR_PASSWORD or this "
					+ "setting").formatted(BCRYPT_LIMIT, bytes));
		}
		this.passwordHash = (this.configured && serving)
				? PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password) : null;
	}

	public String username() {
		return this.username;
	}

	/** Whether a password is configured: without one no login can succeed, and mutating actions are refused. */
	public boolean configured() {
		return this.configured;
	}

	/** The password's hash, as {@code PasswordEncoderFactories}' delegating encoder stores it ({bcrypt}...). */
	public @Nullable String passwordHash() {
		return this.passwordHash;
	}

	@Override
	public String toString() {
		return "OperatorAccount[username=" + this.username + ", password=" + (this.configured ? "(hashed)" : "(none)")
				+ "]";
	}

}
