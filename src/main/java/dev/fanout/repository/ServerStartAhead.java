package dev.fanout.repository;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded repository's server, when none runs, on a thread of its own as soon as a command's environment
 * is known, so that the server's JVM starts while Spring builds the command's context instead of after it: a command
 * that has to start the server (the first after a pause) then waits for it only as long as the server's start
 * outlasts the context's. The data source finds the server running ({@link RepositoryClient#server()} waits for one
 * start in progress).
 */
public final class ServerStartAhead {

	private static final Logger logger = LoggerFactory.getLogger(ServerStartAhead.class);

	private ServerStartAhead() {
	}

	/** Starts the server ahead for this environment's embedded repository; nothing on another database. */
	public static void start(Environment environment) {
		String dataDir = environment.getProperty("fanout.data-dir");
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url")) || !StringUtils.hasText(dataDir)) {
			return;
		}
		RepositoryClient client;
		try {
			RepositoryProperties properties = Binder.get(environment)
				.bindOrCreate("fanout.repository", RepositoryProperties.class);
			client = RepositoryClient.of(RepositoryFiles.of(Path.of(dataDir)), properties.serverProcess());
		}
		catch (RuntimeException ex) {
			logger.debug("Not starting the repository server ahead", ex); // the context will say what is wrong
			return;
		}
		Thread.ofPlatform().daemon().name("repository-start").start(() -> {
			try {
				client.acquire();
				try {
					client.server();
				}
				finally {
					client.release();
				}
			}
			catch (IOException | RuntimeException ex) {
				// The command's own connection starts it again, or reports why it cannot.
				logger.debug("Could not start the repository server ahead", ex);
			}
		});
	}

}
