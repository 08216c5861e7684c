package dev.fanout.jobs.openssl;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.openssl.chain.ChainResult;

import static org.assertj.core.api.Assertions.assertThat;

class ChainsTaskletTests {

	@Test
	void summarySaysHowManyChainsEncryptedAndHowManyTimedOutAndWereSkipped() {
		assertThat(ChainsTasklet.summary(Map.of(ChainResult.Status.OK, 5), Duration.ofSeconds(60)))
			.isEqualTo("5 encrypted");
		assertThat(ChainsTasklet.summary(Map.of(ChainResult.Status.OK, 1, ChainResult.Status.TIMED_OUT, 1),
				Duration.ofMillis(1)))
			.isEqualTo("1 encrypted, 1 skipped (timeout 1ms)");
	}

}
