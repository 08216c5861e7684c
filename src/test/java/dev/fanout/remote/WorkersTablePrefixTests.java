package dev.fanout.remote;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager's questions about its remote partitions find Spring Batch's tables under their configured prefix. */
class WorkersTablePrefixTests {

	@Test
	void theManagersQueriesReadTheStepExecutionsUnderTheConfiguredPrefix() {
		try (InProcessFanout fanout = new InProcessFanout(TestDataDirectories.fresh("WorkersTablePrefixTests"),
				List.of("--spring.batch.jdbc.table-prefix=OTHER_"))) {
			Workers workers = new Workers(fanout.bean(DataSource.class), fanout.bean(Environment.class));

			assertThat(workers.handedOn(1, "factorizeWorker")).isEmpty();
			assertThat(workers.waiting(1, "factorizeWorker")).isEmpty();
			assertThat(workers.anyTaken(1, "factorizeWorker")).isFalse();
			assertThat(workers.running(1, "factorizeWorker")).isEmpty();
		}
	}

}
