package dev.fanout;

import java.util.Set;

/**
 * Spring Batch 6 records its launches, jobs and steps as JFR events, and the first event class a JVM initializes has
 * the JDK build its JFR metadata first: ~60 ms of a CLI run's launch on a slow machine, on the thread that launches
 * the job. A command that launches jobs starts this warm-up before its application context, so that a daemon thread
 * pays for it on the other core while the context starts. If the launch reaches the class first, the JVM's
 * class-initialization lock makes it wait for the warm-up's initialization instead of doing it again.
 */
final class FlightRecorderWarmUp {

	/** The first event a launch creates ({@code TaskExecutorJobOperator.start}). */
	static final String FIRST_EVENT = "org.springframework.batch.core.observability.jfr.events.job.JobLaunchEvent";

	private static final Set<String> LAUNCHING_COMMANDS = Set.of("run", "restart", "bench", "serve", "worker");

	private FlightRecorderWarmUp() {
	}

	/** Starts the warm-up if {@code command} (the first argument that is not a Spring property) launches jobs. */
	static void startFor(String command) {
		if (!LAUNCHING_COMMANDS.contains(command)) {
			return;
		}
		ClassLoader loader = FlightRecorderWarmUp.class.getClassLoader();
		Thread.ofPlatform().name("jfr-warm-up").daemon().start(() -> {
			try {
				Class.forName(FIRST_EVENT, true, loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Not there in this Spring Batch: the launch pays for whatever it uses instead.
			}
		});
	}

}
