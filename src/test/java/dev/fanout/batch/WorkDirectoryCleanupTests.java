package dev.fanout.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.TestDataDirectories;
import dev.fanout.core.FanoutProperties;

import static org.assertj.core.api.Assertions.assertThat;

class WorkDirectoryCleanupTests {

	@Test
	void beforeARunDeletesTheTemporaryFilesAKilledRunOfTheSameInstanceLeftAmongItsOutputs() throws Exception {
		Path data = TestDataDirectories.fresh("WorkDirectoryCleanupTests");
		Path out = Files.createDirectories(data.resolve("out/life/instance-3"));
		List<Path> stale = List.of(out.resolve(".gen-000000040.grid.0f3c.tmp"),
				data.resolve("out/life/.instance-3.csv.77ab.tmp"));
		List<Path> kept = List.of(out.resolve("gen-000000038.grid"), data.resolve("out/life/.instance-33.csv.77ab.tmp"),
				Files.createDirectories(data.resolve("out/life/instance-4")).resolve(".gen-000000002.grid.1a.tmp"));
		for (Path file : stale) {
			Files.writeString(file, "half a file");
		}
		for (Path file : kept) {
			Files.writeString(file, "another instance's, or complete");
		}

		new WorkDirectoryCleanup(new FanoutProperties(data))
			.beforeJob(new JobExecution(7, new JobInstance(3, "life"), new JobParameters()));

		assertThat(stale).allSatisfy((file) -> assertThat(file).doesNotExist());
		assertThat(kept).allSatisfy((file) -> assertThat(file).exists());
	}

}
