package dev.fanout.jobs.openssl;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.fanout.jobs.openssl.chain.Secret;
import dev.fanout.jobs.openssl.chain.SecretSource;

/**
 * The {@code openssl} job's password: the configured one ({@code fanout.openssl.password-file}, else the variable
 * that {@code fanout.openssl.password-env} names), or, in a bench's process where none is configured, a random one
 * that the bench's own runs encrypt their generated payloads with ({@link #forBench()}). An operator's launch without
 * a configured password is refused as before: only a bench sets a throwaway one, and only for its own process.
 * <p>
 * Thread safety: the throwaway password is set at most once ({@code compareAndSet}), before the bench launches a job,
 * and read by each launch through the {@link AtomicReference}; the rest is immutable.
 */
public final class OpensslPassword {

	private final OpensslProperties properties;

	private final Map<String, String> environment;

	private final AtomicReference<@Nullable Secret> throwaway = new AtomicReference<>();

	OpensslPassword(OpensslProperties properties, Map<String, String> environment) {
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * The password a launch uses.
	 * @throws IllegalArgumentException saying how to provide the password, when there is none
	 */
	public Secret resolve() {
		Secret bench = this.throwaway.get();
		if (bench != null && !configured()) {
			return bench;
		}
		return SecretSource.resolve(this.properties.passwordEnv(), this.properties.passwordFile(), this.environment);
	}

	/**
	 * The password of a bench's runs: the configured one, or, when none is, a random one that this process's launches
	 * use from now on.
	 */
	public Secret forBench() {
		if (configured()) {
			return resolve();
		}
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String variable = this.properties.passwordEnv();
		// Resolved as a configured one would be, so that the variable's name is checked the same way.
		this.throwaway.compareAndSet(null,
				SecretSource.resolve(variable, null, Map.of(variable, HexFormat.of().formatHex(random))));
		return this.throwaway.get();
	}

	/** Whether the configuration gives a password: a file, or a variable that is set and not empty. */
	public boolean configured() {
		String value = this.environment.get(this.properties.passwordEnv());
		return this.properties.passwordFile() != null || (value != null && !value.isEmpty());
	}

}
