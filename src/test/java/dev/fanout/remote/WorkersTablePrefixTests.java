package dev.fanout.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager's questions about its remote partitions find Spring Batch's tables under their configured prefix. */
class WorkersTablePrefixTests {

	@Test
	void theManagersQueriesReadTheStepExecutionsUnderTheConfiguredPrefix() throws IOException {
		String schema = new ClassPathResource("dev/fanout/repository/schema-h2.sql")
			.getContentAsString(StandardCharsets.UTF_8)
			.replace("BATCH_", "OTHER_");
		EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
			.setType(EmbeddedDatabaseType.H2)
			.build();
		try {
			new ResourceDatabasePopulator(new ByteArrayResource(schema.getBytes(StandardCharsets.UTF_8)))
				.execute(database);
			Workers workers = new Workers(database,
					new MockEnvironment().withProperty("spring.batch.jdbc.table-prefix", "OTHER_"));

			assertThat(workers.handedOn(1, "factorizeWorker")).isEmpty();
			assertThat(workers.waiting(1, "factorizeWorker")).isEmpty();
			assertThat(workers.running(1, "factorizeWorker")).isEmpty();
		}
		finally {
			database.shutdown();
		}
	}

}
