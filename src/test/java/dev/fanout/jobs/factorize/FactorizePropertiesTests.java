package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.cli.StartFailures;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchRuntimeException;

class FactorizePropertiesTests {

	@Test
	void refusesTransactionsOfNoNumberAndANegativeInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FactorizeProperties(0, Duration.ofSeconds(1)))
			.withMessage("fanout.factorize.chunk-size=0 must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new FactorizeProperties(-1, Duration.ofSeconds(1)))
			.withMessage("fanout.factorize.chunk-size=-1 must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new FactorizeProperties(1000, Duration.ofSeconds(-1)))
			.withMessage("fanout.factorize.commit-interval=PT-1S must not be negative, e.g. 1s");
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

		assertThat(StartFailures.describe(failure, null))
			.isEqualTo("could not start: fanout.factorize.chunk-size=0 must be at least 1");
		assertThat(StartFailures.exitCode(failure)).isEqualTo(ExitCodes.USAGE);
	}

}
