package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.cli.StartFailures;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.InvalidSetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchRuntimeException;

class FactorizePropertiesTests {

	@Test
	void refusesTransactionsOfNoNumberAndANegativeInterval() {
		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> new FactorizeProperties(0, Duration.ofSeconds(1)))
			.withMessage("fanout.factorize.chunk-size=0: expected a whole number of 1 or more, e.g. 1000");
		assertThatExceptionOfType(InvalidSetting.class)
			.isThrownBy(() -> new FactorizeProperties(-1, Duration.ofSeconds(1)))
			.withMessage("fanout.factorize.chunk-size=-1: expected a whole number of 1 or more, e.g. 1000");
		assertThatExceptionOfType(InvalidSetting.class)
			.isThrownBy(() -> new FactorizeProperties(1000, Duration.ofSeconds(-1)))
			.withMessage("fanout.factorize.commit-interval=-1s: expected a duration of 0s or more, e.g. 1s");
	}

	@Test
	void acceptsOneNumberPerTransactionAndAnIntervalOfZero() {
		assertThat(new FactorizeProperties(1, Duration.ZERO).chunkSize()).isEqualTo(1);
	}

	@Test
	void aChunkSizeOfZeroStopsTheStartAsABadSettingBeforeAnyCommandRuns() {
		RuntimeException failure = catchRuntimeException(() -> new InProcessFanout(
				TestDataDirectories.fresh("FactorizePropertiesTests"), List.of("--fanout.factorize.chunk-size=0"))
			.close());

		StartFailures.StartFailure line = StartFailures.describe(failure, null);
		assertThat(line.message()).startsWith("setting fanout.factorize.chunk-size").contains("'0'")
			.endsWith("expected a whole number of 1 or more, e.g. 1000");
		assertThat(line.exitCode()).isEqualTo(ExitCodes.USAGE);
	}

}
