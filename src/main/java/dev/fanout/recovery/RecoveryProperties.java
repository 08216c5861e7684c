package dev.fanout.recovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.DurationText;
import dev.fanout.core.InvalidSetting;

/**
 * Settings of dead-execution detection ({@code fanout.recovery.*}).
 *
 * @param heartbeat how often a process refreshes the owner records of its running executions
 * @param orphanTimeout a running execution whose owner's heartbeat is older than this (or, with no owner record,
 * that started longer ago than this) is orphaned, unless its owner process is alive on this host
 * @param auto whether {@code run} and {@code restart} recover an orphaned execution of the instance by themselves
 * before launching, instead of refusing and saying what to type
 */
@ConfigurationProperties("fanout.recovery")
public record RecoveryProperties(@DefaultValue("5s") Duration heartbeat, @DefaultValue("30s") Duration orphanTimeout,
		@DefaultValue("false") boolean auto) {

	public RecoveryProperties {
		if (heartbeat.isNegative() || heartbeat.isZero()) {
			throw new InvalidSetting("fanout.recovery.heartbeat", heartbeat, "a positive duration, e.g. 5s");
		}
		if (orphanTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
			throw new InvalidSetting("fanout.recovery.orphan-timeout", orphanTimeout, ("at least twice "
					+ "fanout.recovery.heartbeat (%s), or live executions would look orphaned")
				.formatted(DurationText.format(heartbeat)));
		}
	}

}
