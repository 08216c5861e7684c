package dev.fanout.core;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps the secrets of Fanout's environment out of the processes it starts. A child inherits every variable of the
 * JVM ({@code FANOUT_OPERATOR_PASSWORD}, {@code SPRING_DATASOURCE_PASSWORD}, {@code SPRING_RABBITMQ_PASSWORD}, the
 * openssl job's password...), and keeps them in its {@code /proc/<pid>/environ} for its whole life: the repository
 * server outlives the command that started it by its idle timeout, and an {@code openssl} or {@code tee} has no use
 * for any of them. The variables are recognised by their names, since the names an operator chooses for them (an
 * openssl {@code password-env}, a placeholder in {@code config/application.yml}) are not known here.
 */
public final class SecretVariables {

	/** Words that name a secret in a variable's name, in any case: {@code DB_PASSWORD}, {@code GitHubToken}... */
	private static final Pattern SECRET = Pattern.compile("PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|API_?KEY"
			+ "|PRIVATE_?KEY");

	/** What a report shows instead of a secret's value. */
	public static final String HIDDEN = "(hidden)";

	private SecretVariables() {
	}

	/** Whether a variable of this name holds a secret, as far as its name tells. */
	public static boolean isSecret(String name) {
		return SECRET.matcher(name.toUpperCase(Locale.ROOT)).find();
	}

	/**
	 * Removes the secret variables from a child's environment, such as {@link ProcessBuilder#environment()}; the
	 * caller then puts back the one a child needs, if any.
	 */
	public static void removeFrom(Map<String, String> environment) {
		environment.keySet().removeIf(SecretVariables::isSecret);
	}

}
