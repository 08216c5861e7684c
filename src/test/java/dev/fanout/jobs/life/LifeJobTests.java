package dev.fanout.jobs.life;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Pattern;
import dev.fanout.jobs.life.grid.Placement;
import dev.fanout.jobs.life.picture.GridImages;
import dev.fanout.jobs.life.picture.LiveClusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

@SpringBootTest
@SpringBatchTest
class LifeJobTests {

	static final long FAILING_GENERATION = 20;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("LifeJobTests").toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job lifeJob;

	@Autowired
	FailingBandComputer computer;

	@MockitoSpyBean
	LifeAnimations animations;

	@BeforeEach
	void useLifeJob() {
		this.jobs.setJob(this.lifeJob);
		this.computer.armed.set(false);
	}

	@Test
	void theDefaultRunAdvancesTheBooksGliderAndShowsItsGenerationsSideBySide() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("pattern", "life/glider.txt",
				"generations", "4", "partitions", "2"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		Path out = Path.of(JobOutputs.of(execution).get(0));
		Grid start = PatternReader.read(TestDataDirectories.fresh("LifeJobTests").resolve("life/glider.txt")).cells();
		Grid expected = LifeRules.advance(start, 4);
		assertThat(PatternReader.read(out.resolve("final.rle")).cells()).isEqualTo(expected);
		assertThat(Files.readAllLines(out.resolve("population.csv"))).containsExactly("generation,population", "0,5",
				"1,5", "2,5", "3,5", "4,5");
		assertThat(JobOutputs.summary(execution)).startsWith("generation 4, population 5 (9×5 torus)")
			.contains(Files.readString(out.resolve("generations.txt")).stripTrailing());
		assertThat(out.resolve("final.png")).isNotEmptyFile();
		// Drawn from generation 0 while the generations ran, then moved into place: the bytes of a drawing now.
		verify(this.animations).start(any(), any(), any(), eq(5));
		verify(this.animations).finish(execution, out.resolve("generations.gif"));
		StepExecution outputs = execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals("lifeOutputs"))
			.findFirst()
			.orElseThrow();
		assertThat(outputs.getExecutionContext().getLong(LifeOutputs.ANIMATION_CPU_NANOS))
			.as("the drawing thread's CPU time, recorded for bench life")
			.isPositive();
		Path drawnNow = Files.createTempFile("generations", ".gif");
		GridImages.writeFocusedAnimation(drawnNow, start, 5, LifeOutputs.GIF_DELAY_MILLIS);
		assertThat(out.resolve("generations.gif")).hasSameBinaryContentAs(drawnNow);
		Files.delete(drawnNow);
	}

	@Test
	void aSmallPatternOnALargeTorusGetsPicturesOfItsLiveCellsAndTheSummarySaysWhichCells() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("pattern", "life/r-pentomino.rle", "width",
				"1024", "height", "1024", "placement", "center", "generations", "30"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		Path out = Path.of(JobOutputs.of(execution).get(0));
		Grid last = PatternReader.read(out.resolve("final.rle")).cells();
		GridImages.Window live = GridImages.focus(last, LiveClusters.largest(last), GridImages.MAX_PNG_SIDE);
		BufferedImage whole = ImageIO.read(out.resolve("final.png").toFile());
		BufferedImage cropped = ImageIO.read(out.resolve("final-live.png").toFile());
		BufferedImage animation = ImageIO.read(out.resolve("generations.gif").toFile());
		assertThat(whole.getWidth()).isEqualTo(1024);
		int p = 1024 / Math.max(live.width(), live.height());
		assertThat(p).isGreaterThanOrEqualTo(10);
		assertThat(cropped.getWidth()).isEqualTo(live.width() * Math.min(p, GridImages.MAX_PIXELS_PER_CELL));
		assertThat(animation.getWidth()).isLessThan(512).isGreaterThan(100);
		// Thirty generations in, the R-pentomino is one cluster: its live area.
		assertThat(live).isEqualTo(GridImages.liveArea(last).grow(GridImages.MARGIN, last));
		assertThat(JobOutputs.summary(execution)).contains(
				"final-live.png: the largest cluster of live cells, " + live.describe(),
				"(with a margin of 8 cells)", "generations.gif shows columns ");
	}

	@Test
	void bandsWithHalosGiveTheSameGridAsTheWholeTorusWhateverThePartitionsAndCheckpoints() throws Exception {
		Pattern pattern = PatternReader.read(TestDataDirectories.fresh("LifeJobTests").resolve("life/r-pentomino.rle"));
		Grid expected = LifeRules.advance(Placement.place(pattern, 64, 48, Placement.CENTER), 50);
		for (String[] shape : List.of(new String[] { "1", "auto" }, new String[] { "3", "7" },
				new String[] { "4", "1" }, new String[] { "2", "50" })) {
			JobExecution execution = this.jobs.startJob(rPentomino(50, shape[0], shape[1]));
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(finalGrid(execution)).as("partitions=%s checkpoint=%s", shape[0], shape[1]).isEqualTo(expected);
		}
	}

	@Test
	void bandsWhoseHalosWouldEachReachAroundTheTorusRunAsOneBand() throws Exception {
		// 48 rows in 2 bands of 24: 50 halo rows make each band the whole torus, 10 do not.
		JobExecution whole = this.jobs.startJob(rPentomino(50, "2", "50"));
		JobExecution strips = this.jobs.startJob(rPentomino(50, "2", "10"));

		assertThat(bands(whole)).containsExactly(LifeJobConfiguration.WORKER + ":gen000000000-band0");
		assertThat(bands(strips)).hasSize(10).contains(LifeJobConfiguration.WORKER + ":gen000000040-band1");
		assertThat(finalGrid(whole)).isEqualTo(finalGrid(strips));
		assertThat(Files.readString(output(whole).resolve("population.csv")))
			.isEqualTo(Files.readString(output(strips).resolve("population.csv")));
	}

	private static List<String> bands(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.map(StepExecution::getStepName)
			.filter((name) -> name.startsWith(LifeJobConfiguration.WORKER + ":"))
			.toList();
	}

	@Test
	void aRestartResumesAtTheLastCheckpointAndEndsWithTheSameGridAndPopulations() throws Exception {
		JobExecution uninterrupted = this.jobs.startJob(rPentomino(40, "2", "5"));
		JobParameters failing = rPentomino(40, "2", "5");
		this.computer.armed.set(true);

		JobExecution failed = this.jobs.startJob(failing);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("injected failure at generation 20");
		Path out = output(failed);
		assertThat(out.resolve("gen-%09d.grid".formatted(FAILING_GENERATION))).exists();
		assertThat(out.resolve("population.csv")).doesNotExist();

		this.computer.armed.set(false);
		JobExecution restarted = this.jobs.startJob(failing);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(bands(restarted))
			.as("resumes at generation 20 with the band that failed; band 0 of it had completed")
			.first()
			.isEqualTo(LifeJobConfiguration.WORKER + ":gen000000020-band1");
		assertThat(bands(restarted))
			.noneMatch((name) -> name.contains("gen000000015") || name.contains("gen000000000"));
		assertThat(finalGrid(restarted)).isEqualTo(finalGrid(uninterrupted));
		assertThat(Files.readString(output(restarted).resolve("population.csv")))
			.isEqualTo(Files.readString(output(uninterrupted).resolve("population.csv")));
	}

	@Test
	void cellsWaitingOnVirtualOrPlatformThreadsGiveTheSameGridAsTheKernel() throws Exception {
		Grid expected = null;
		for (String[] executor : List.of(new String[] { "0", "platform" }, new String[] { "2ms", "virtual" },
				new String[] { "2ms", "platform" })) {
			JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("pattern", "life/glider.txt",
					"width", "12", "height", "10", "generations", "3", "cellLatency", executor[0], "executor",
					executor[1], "cellThreads", "4"));
			assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
			Grid grid = finalGrid(execution);
			expected = (expected == null) ? grid : expected;
			assertThat(grid).as("cellLatency=%s executor=%s", executor[0], executor[1]).isEqualTo(expected);
		}
	}

	private static JobParameters rPentomino(int generations, String partitions, String checkpoint) {
		return UniqueJobParameters.of("pattern", "life/r-pentomino.rle", "width", "64", "height", "48", "placement",
				"center", "generations", Integer.toString(generations), "partitions", partitions, "checkpoint",
				checkpoint);
	}

	private static Grid finalGrid(JobExecution execution) throws IOException {
		return PatternReader.read(output(execution).resolve("final.rle")).cells();
	}

	private static Path output(JobExecution execution) {
		return TestDataDirectories.fresh("LifeJobTests")
			.resolve("out/life/instance-" + execution.getJobInstance().getInstanceId());
	}

	/** Fails the second band of generation {@value #FAILING_GENERATION} while armed. */
	static class FailingBandComputer extends BandComputer {

		final AtomicBoolean armed = new AtomicBoolean();

		@Override
		BandResult advance(Path checkpoint, Band band, int height, long generation, int steps) throws IOException {
			if (this.armed.get() && generation == FAILING_GENERATION && band.from() > 0) {
				throw new IllegalStateException("injected failure at generation " + generation);
			}
			return super.advance(checkpoint, band, height, generation, steps);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailureInjection {

		@Bean
		@Primary
		FailingBandComputer failingBandComputer() {
			return new FailingBandComputer();
		}

	}

}
