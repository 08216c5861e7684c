package dev.fanout.batch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.JobOutputs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's earlier outputs: moved out of the next run's way, which frees no inode while runs are timed, and deleted
 * only when the bench ends.
 */
class SetAsideOutputsTests {

	@TempDir
	Path directory;

	@Test
	void movesAnOutputOutOfTheWayWithoutDeletingItsFiles() throws Exception {
		Path gallery = Files.createDirectories(this.directory.resolve("gallery"));
		Path image = Files.writeString(gallery.resolve("image.png"), "resized");
		Object inode = Files.readAttributes(image, BasicFileAttributes.class).fileKey();
		Path setAside = this.directory.resolve("set-aside");

		try (SetAsideOutputs outputs = new SetAsideOutputs(setAside)) {
			outputs.moveAside(gallery);

			assertThat(gallery).doesNotExist();
			Path moved = setAside.resolve("1/image.png");
			assertThat(moved).hasContent("resized");
			assertThat(Files.readAttributes(moved, BasicFileAttributes.class).fileKey()).as("the same file, moved")
				.isEqualTo(inode);
		}
	}

	@Test
	void keepsEveryRunsOutputApartUntilTheBenchEnds() throws Exception {
		Path gallery = this.directory.resolve("gallery");
		Path setAside = this.directory.resolve("set-aside");

		try (SetAsideOutputs outputs = new SetAsideOutputs(setAside)) {
			for (int run = 1; run <= 3; run++) {
				Files.createDirectories(gallery);
				Files.writeString(gallery.resolve("run.txt"), "run " + run);
				outputs.moveAside(gallery);
			}
			outputs.moveAside(gallery); // nothing there: no error, nothing moved

			assertThat(setAside.resolve("1/run.txt")).hasContent("run 1");
			assertThat(setAside.resolve("3/run.txt")).hasContent("run 3");
			assertThat(setAside.resolve("4")).doesNotExist();
		}

		assertThat(setAside).as("deleted as the bench ends").doesNotExist();
	}

	@Test
	void movesAsideTheFilesAJobRunGaveAsItsOutputs() throws Exception {
		Path report = Files.writeString(this.directory.resolve("instance-1.csv"), "a report");
		Path gallery = Files.createDirectories(this.directory.resolve("gallery"));
		JobExecution run = new JobExecution(1, new JobInstance(1, "images"), new JobParameters());
		JobOutputs.add(run, report);
		JobOutputs.add(run, gallery);
		JobOutputs.add(run, Path.of("/no/such/output"));
		Path setAside = this.directory.resolve("set-aside");

		try (SetAsideOutputs outputs = new SetAsideOutputs(setAside)) {
			outputs.moveAsideOutputsOf(run);

			assertThat(report).doesNotExist();
			assertThat(gallery).doesNotExist();
			assertThat(setAside.resolve("1")).hasContent("a report");
			assertThat(setAside.resolve("2")).isDirectory();
		}
	}

	@Test
	void deletesWhatAnInterruptedBenchLeftAsideBeforeTheFirstRun() throws Exception {
		Path setAside = this.directory.resolve("set-aside");
		Files.createDirectories(setAside.resolve("1"));
		Files.writeString(setAside.resolve("1/image.png"), "an earlier bench's");

		try (SetAsideOutputs outputs = new SetAsideOutputs(setAside)) {
			assertThat(setAside).doesNotExist();
		}
	}

}
