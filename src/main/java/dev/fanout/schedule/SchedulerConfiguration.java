package dev.fanout.schedule;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fanout.launch.ExecutionStopper;
import dev.fanout.launch.Launcher;
import dev.fanout.launch.ShutdownProperties;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.Heartbeat;

/**
 * The scheduler, in serve mode only. Its schedules are checked when it is created: a broken schedule fails
 * {@code serve} at start-up with one message naming every problem. A {@link Clock} bean, if any, replaces the system
 * clock (tests drive firings with one).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fanout.serving", havingValue = "true")
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulerConfiguration {

	@Bean
	ScheduleFiring scheduleFiring(Launcher launcher, ExecutionClaims claims, ScheduleRuns runs) {
		return new ScheduleFiring(launcher, claims, runs);
	}

	@Bean
	FiringDispatcher firingDispatcher(ScheduleFiring firing, SchedulerProperties properties, Heartbeat heartbeat,
			ExecutionStopper stopper, ShutdownProperties shutdown) {
		// The same validated setting as a signal's stop: fanout.shutdown.timeout, bound once in ShutdownProperties.
		return new FiringDispatcher(firing, properties.launchThreads(), heartbeat, stopper, shutdown.timeout());
	}

	@Bean
	Scheduler scheduler(ScheduleCatalog catalog, ScheduleRuns runs, FiringDispatcher dispatcher,
			SchedulerProperties properties) {
		return new Scheduler(catalog.schedules(), runs, dispatcher, properties.misfireThreshold());
	}

	@Bean
	SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, FiringDispatcher dispatcher,
			ObjectProvider<Clock> clock, SchedulerProperties properties) {
		return new SchedulerLifecycle(scheduler, dispatcher, clock.getIfAvailable(Clock::systemDefaultZone), properties);
	}

}
