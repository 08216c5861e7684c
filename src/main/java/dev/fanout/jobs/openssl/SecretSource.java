package dev.fanout.jobs.openssl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the password the configuration points to: a file's first line, or an environment variable. */
public final class SecretSource {

	private SecretSource() {
	}

	/**
	 * @throws IllegalArgumentException saying how to provide the password, when there is none
	 */
	public static Secret resolve(OpensslProperties properties, Map<String, String> environment) {
		String variable = properties.passwordEnv();
		if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("fanout.openssl.password-env=%s is not an environment variable name"
				.formatted(variable));
		}
		if (properties.passwordFile() != null) {
			Path file = Path.of(properties.passwordFile());
			try {
				String password = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
				if (!password.isEmpty()) {
					return new Secret(variable, password);
				}
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("cannot read the password file fanout.openssl.password-file=%s: %s"
					.formatted(file, ex.getMessage()));
			}
			throw new IllegalArgumentException("the password file %s is empty; put the password on its first line"
				.formatted(file));
		}
		String password = environment.get(variable);
		if (password == null || password.isEmpty()) {
			throw new IllegalArgumentException(("the openssl job needs a password: set the environment variable %s, "
					+ "or fanout.openssl.password-file=PATH to a file holding it").formatted(variable));
		}
		return new Secret(variable, password);
	}

}
