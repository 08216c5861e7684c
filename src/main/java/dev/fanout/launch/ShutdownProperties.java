package dev.fanout.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Settings of the graceful stop on SIGTERM or Ctrl-C ({@code fanout.shutdown.*}).
 *
 * @param timeout how long a stop requested by a signal may take before the process exits anyway, leaving the
 * execution to {@code recover}
 */
@ConfigurationProperties("fanout.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration timeout) {

	public ShutdownProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidSetting("fanout.shutdown.timeout", timeout, "a positive duration, e.g. 30s");
		}
	}

}
