package dev.fanout.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code serve} ({@code fanout.web.*}); the address and port are Spring Boot's {@code server.address}
 * and {@code server.port}.
 *
 * @param operator the one account allowed to launch, stop, restart, recover and abandon
 * @param launchThreads jobs the server runs at once; a launch beyond that is refused (503) until one ends
 * @param allowedHosts host names, besides {@code localhost} and IP addresses, that requests may address the server by
 * (its Host header): a reverse proxy's, the machine's; {@code *} for any
 */
@ConfigurationProperties("fanout.web")
public record WebProperties(@DefaultValue Operator operator, @DefaultValue("4") int launchThreads,
		@DefaultValue List<String> allowedHosts) {

	private static final Pattern HOST_NAME = Pattern.compile("\\*|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

	/** Where an operator learns how to allow mutating actions; said by {@code serve} and by every 403 for it. */
	public static final String HOW_TO_SET_PASSWORD = "no operator password is configured, so the server refuses "
			+ "launch, stop, restart, recover and abandon: set fanout.web.operator.password (or the environment "
			+ "variable FANOUT_OPERATOR_PASSWORD) and restart 'fanout serve'";

	public WebProperties {
		if (launchThreads < 1 || launchThreads > 256) {
			throw new InvalidSetting("fanout.web.launch-threads", launchThreads, "a whole number from 1 to 256");
		}
		for (String name : allowedHosts) {
			if (!HOST_NAME.matcher(name.trim().toLowerCase(Locale.ROOT)).matches()) {
				throw new InvalidSetting("fanout.web.allowed-hosts", String.join(",", allowedHosts), ("host names "
						+ "without scheme or port, separated by commas (e.g. fanout.example.com,batch-1), or * for any; "
						+ "'%s' is not one").formatted(name));
			}
		}
		allowedHosts = List.copyOf(allowedHosts);
	}

	/**
	 * The operator's user name. Its password ({@code fanout.web.operator.password}) is deliberately not bound here: it
	 * is read once and hashed by {@link OperatorAccount}, then taken out of the environment, so that no bean keeps it.
	 */
	public record Operator(@DefaultValue("operator") String username) {

	}

}
