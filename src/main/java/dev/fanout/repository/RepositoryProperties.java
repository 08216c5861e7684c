package dev.fanout.repository;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Settings of the embedded repository's server process ({@code fanout.repository.*}); unused when
 * {@code spring.datasource.url} names another database (PostgreSQL).
 *
 * @param idleTimeout how long the server stays up after the last Fanout process using it has ended
 * @param serverHeap the server's maximum heap ({@code -Xmx}), e.g. {@code 256m}
 */
@ConfigurationProperties("fanout.repository")
public record RepositoryProperties(@DefaultValue("60s") Duration idleTimeout, @DefaultValue("256m") String serverHeap) {

	public RepositoryProperties {
		if (idleTimeout.isNegative()) {
			throw new InvalidSetting("fanout.repository.idle-timeout", idleTimeout, "a duration of 0 or more, e.g. 60s");
		}
		if (!serverHeap.matches("\\d+[kKmMgG]?")) {
			throw new InvalidSetting("fanout.repository.server-heap", serverHeap,
					"a heap size as java's -Xmx takes it, e.g. 256m");
		}
	}

	ServerProcess serverProcess() {
		return new ServerProcess(this.idleTimeout, this.serverHeap);
	}

}
