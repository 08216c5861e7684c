package dev.fanout.crash;

import java.util.List;

import dev.fanout.factorize.FactorizeKillScenario;
import dev.fanout.images.ImagesKillScenario;
import dev.fanout.life.LifeKillScenario;
import dev.fanout.openssl.OpensslKillScenario;
import dev.fanout.sensors.SensorsKillScenario;

/** Every job's kill -9 scenario. A new job adds its {@link KillScenario} here. */
public final class KillScenarios {

	private KillScenarios() {
	}

	public static List<KillScenario> all() {
		return List.of(new FactorizeKillScenario(), new ImagesKillScenario(), new LifeKillScenario(), new OpensslKillScenario(),
				new SensorsKillScenario());
	}

}
