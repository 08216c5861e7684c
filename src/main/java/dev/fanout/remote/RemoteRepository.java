package dev.fanout.remote;

import org.springframework.core.env.Environment;

import dev.fanout.core.CommandFailure;

/** Remote workers share the manager's job repository, so it must be a database they can reach: not the local H2. */
final class RemoteRepository {

	private RemoteRepository() {
	}

	/** Refuses the embedded H2 repository (no {@code spring.datasource.url}, or an H2 one) with one line. */
	static void requireShared(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.isBlank() || url.startsWith("jdbc:h2:")) {
			throw CommandFailure.usage("remote workers need the job repository on PostgreSQL, which manager and "
					+ "workers share; add the postgres profile (e.g. SPRING_PROFILES_ACTIVE=postgres,remote) or set "
					+ "spring.datasource.url");
		}
	}

}
