package dev.fanout.crash;

import java.util.List;

import dev.fanout.jobs.factorize.FactorizeKillScenario;
import dev.fanout.jobs.images.ImagesKillScenario;
import dev.fanout.jobs.life.LifeKillScenario;
import dev.fanout.jobs.openssl.OpensslKillScenario;
import dev.fanout.jobs.sensors.SensorsKillScenario;

/** Every job's kill -9 scenario. A new job adds its {@link KillScenario} here. */
public final class KillScenarios {

	private KillScenarios() {
	}

	public static List<KillScenario> all() {
		return List.of(new FactorizeKillScenario(), new ImagesKillScenario(), new LifeKillScenario(), new OpensslKillScenario(),
				new SensorsKillScenario());
	}

}
