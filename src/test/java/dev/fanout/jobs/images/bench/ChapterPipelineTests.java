package dev.fanout.jobs.images.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.ProcessTree;
import dev.fanout.batch.bench.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The chapter's Python pipeline that {@code bench images} runs beside the job: it runs, counts, and says so. */
class ChapterPipelineTests {

	@TempDir
	Path directory;

	@Test
	void runsTheChaptersProgramThroughItsThreeStagesAndTakesItsTimeFromIt() throws Exception {
		ChapterPipeline chapter = ChapterPipeline.find("python3", this.directory).orElseThrow();

		Sample sample = chapter.run(3, 4, 5, 30, Duration.ofMillis(5));

		// 30 items, 10 at a time through the narrowest stage's 3 threads, each stage a 5 ms sleep.
		assertThat(sample.seconds()).isGreaterThanOrEqualTo(10 * 0.005);
		assertThat(sample.cpuSeconds()).isPositive();
		try (InputStream script = ChapterPipeline.class.getResourceAsStream("chapter-pipeline.py")) {
			assertThat(chapter.script()).as("written where it can be run by hand")
				.hasBinaryContent(script.readAllBytes());
		}
	}

	@Test
	void aPythonThatDoesNotRunGivesNoPipelineAndWritesNothing() throws Exception {
		assertThat(ChapterPipeline.find("no-such-python-anywhere", this.directory)).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void aRunThatFinishesAnotherNumberOfItemsFails() throws Exception {
		Path python = this.directory.resolve("python");
		Files.writeString(python, "#!/bin/sh\n[ \"$1\" = --version ] || echo '7 0.25 0.01'\n");
		Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
		ChapterPipeline chapter = ChapterPipeline.find(python.toString(), this.directory).orElseThrow();

		assertThatIllegalStateException().isThrownBy(() -> chapter.run(3, 4, 5, 10, Duration.ofMillis(1)))
			.withMessageContaining("did not finish its 10 items")
			.withMessageContaining("7 0.25 0.01");
	}

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void anInterruptedRunEndsThePythonAndWhatItStarted() throws Exception {
		Path bench = Files.createDirectories(this.directory.resolve("bench"));
		try (ProcessTree python = ProcessTree.in(this.directory, "[ \"$1\" = --version ] && exit 0")) {
			ChapterPipeline chapter = ChapterPipeline.find(python.script().toString(), bench).orElseThrow();

			Throwable ended = python.interruptWhileItRuns(() -> chapter.run(3, 4, 5, 10, Duration.ofMillis(1)));

			assertThat(ended).isInstanceOf(InterruptedException.class);
			assertThat(python.anyAlive()).as("the program or its child (pid %d) is left", python.sleeper()).isFalse();
		}
	}

}
