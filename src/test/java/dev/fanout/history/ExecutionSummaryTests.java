package dev.fanout.history;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** What a summary says of its execution. */
class ExecutionSummaryTests {

	@Test
	void runsWhileItsStatusIsARunningOneAsSpringBatchCountsThem() {
		for (BatchStatus status : BatchStatus.values()) {
			assertThat(summary(status.name()).running()).as(status.name()).isEqualTo(status.isRunning());
		}
		assertThat(summary("NOT A STATUS").running()).isFalse();
	}

	private static ExecutionSummary summary(String status) {
		return new ExecutionSummary(1, "factorize", 1, Map.of(), "", status, null, null, 0, status, "", false, "", "");
	}

}
