package dev.fanout.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Settings of the scheduler that runs in {@code serve} mode ({@code fanout.scheduler.*}).
 *
 * @param enabled whether {@code serve} fires the schedules ({@code false}: they are listed, never fired)
 * @param misfireThreshold a firing reached later than this after its scheduled time (the server was down, suspended,
 * or stalled in a long GC) is a misfire, handled by its schedule's misfire policy
 * @param launchThreads scheduled jobs that may run at once; further firings wait for a free thread, and a firing that
 * finds {@code 4 x launchThreads} firings already waiting is dropped (logged)
 */
@ConfigurationProperties("fanout.scheduler")
public record SchedulerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration misfireThreshold,
		@DefaultValue("4") int launchThreads) {

	public SchedulerProperties {
		if (misfireThreshold.isNegative() || misfireThreshold.isZero()) {
			throw new InvalidSetting("fanout.scheduler.misfire-threshold", misfireThreshold,
					"a positive duration, e.g. 1m");
		}
		if (launchThreads < 1 || launchThreads > 64) {
			throw new InvalidSetting("fanout.scheduler.launch-threads", launchThreads, "a whole number from 1 to 64");
		}
	}

}
