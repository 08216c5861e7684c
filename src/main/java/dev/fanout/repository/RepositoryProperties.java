package dev.fanout.repository;

import java.time.Duration;
import java.util.Properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Settings of the job repository ({@code fanout.repository.*}): of the embedded repository's server process, unused
 * when {@code spring.datasource.url} names another database (PostgreSQL), and how long any repository may take to
 * answer.
 *
 * @param idleTimeout how long the server stays up after the last Fanout process using it has ended
 * @param stopGrace how long the server, sent SIGTERM (a service manager stopping every process of a service at
 * once), goes on serving the Fanout processes still using it, so that they can record their jobs' stop, before it
 * closes the database under them; longer than their own {@code fanout.shutdown.timeout}
 * @param serverHeap the server's maximum heap ({@code -Xmx}), e.g. {@code 256m}
 * @param networkTimeout how long a connection to the repository waits for each answer of the database before it
 * gives up and fails (the embedded server's or PostgreSQL's, stalled: stopped, frozen, or a network that drops
 * packets without closing); 0 waits for ever. Generous, because it is no statement's time limit: a running job whose
 * repository write fails on it fails. The repository's statements take milliseconds (prune deletes an instance at a
 * time, the embedded server's online compaction writes a bounded amount at a time, H2 gives up a lock wait after 2 s),
 * so 30 s is far above what a busy 2-core machine or a garbage collection adds, and as long as Hikari's own wait for a
 * connection ({@code spring.datasource.hikari.connection-timeout}), so that a request that cannot reach the
 * repository fails after about that long whichever wait it is in.
 */
@ConfigurationProperties("fanout.repository")
public record RepositoryProperties(@DefaultValue("60s") Duration idleTimeout, @DefaultValue("60s") Duration stopGrace,
		@DefaultValue("256m") String serverHeap, @DefaultValue("30s") Duration networkTimeout) {

	public RepositoryProperties {
		if (idleTimeout.isNegative()) {
			throw new InvalidSetting("fanout.repository.idle-timeout", idleTimeout, "a duration of 0 or more, e.g. 60s");
		}
		if (stopGrace.isNegative()) {
			throw new InvalidSetting("fanout.repository.stop-grace", stopGrace, "a duration of 0 or more, e.g. 60s");
		}
		if (!serverHeap.matches("\\d+[kKmMgG]?")) {
			throw new InvalidSetting("fanout.repository.server-heap", serverHeap,
					"a heap size as java's -Xmx takes it, e.g. 256m");
		}
		if (networkTimeout.isNegative() || networkTimeout.toMillis() > Integer.MAX_VALUE) {
			// Both drivers take an int: H2 milliseconds, PostgreSQL seconds.
			throw new InvalidSetting("fanout.repository.network-timeout", networkTimeout,
					"a duration of 0 (no limit) or more, up to 24 days, e.g. 30s");
		}
	}

	/**
	 * Bounds each answer of PostgreSQL by {@code networkTimeout}, as its driver takes it ({@code socketTimeout}: whole
	 * seconds, rounded up, so that 0.5 s does not become 0, which is no limit), unless the driver's settings give
	 * their own. Other databases' settings are left as they are.
	 * @param driverSettings changed in place: the pool's {@code data-source-properties}, or a connection's
	 */
	void boundPostgresAnswers(String url, Properties driverSettings) {
		if (url.startsWith("jdbc:postgresql:") && !driverSettings.containsKey("socketTimeout")) {
			driverSettings.setProperty("socketTimeout", Long.toString((this.networkTimeout.toMillis() + 999) / 1000));
		}
	}

	/** This JVM's client of the repository in these files, with these settings if it is the first. */
	RepositoryClient client(RepositoryFiles files) {
		return RepositoryClient.of(files, new ServerProcess(this.idleTimeout, this.stopGrace, this.serverHeap),
				this.networkTimeout);
	}

}
