package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.Await;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.picture.GridImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GIF drawn while the generations run is the one the outputs step would have drawn, byte for byte, and the outputs
 * step draws it itself whenever there is none to take.
 */
class LifeAnimationsTests {

	@TempDir
	Path directory;

	private final LifeAnimations animations = new LifeAnimations();

	private final JobExecution execution = new JobExecution(11, new JobInstance(5, "life"), new JobParameters());

	private Checkpoints checkpoints;

	private final Grid start = glider();

	@BeforeEach
	void directories() throws Exception {
		this.checkpoints = new Checkpoints(Files.createDirectories(this.directory.resolve("out")),
				Files.createDirectories(this.directory.resolve("work")));
	}

	@Test
	void theAnimationStartedAtTheSeedIsMovedIntoPlaceWithTheBytesTheOutputsStepWouldDraw() throws Exception {
		Path expected = this.directory.resolve("expected.gif");
		GridImages.Window expectedWindow = GridImages.writeFocusedAnimation(expected, this.start, 40,
				LifeOutputs.GIF_DELAY_MILLIS, 2);

		this.animations.start(this.execution, this.checkpoints, this.start, 40);
		Path target = this.checkpoints.output().resolve(LifeOutputs.GIF);

		LifeAnimations.Drawn drawn = this.animations.finish(this.execution, target).orElseThrow();
		assertThat(drawn.window()).isEqualTo(expectedWindow);
		assertThat(drawn.cpuNanos()).as("its drawing thread's CPU time").isPositive();
		assertThat(target).hasSameBinaryContentAs(expected);
		assertThat(this.checkpoints.work().resolve(LifeOutputs.GIF)).doesNotExist();
		assertThat(this.animations.finish(this.execution, target)).as("taken once").isEmpty();
	}

	@Test
	void withoutOneStartedInThisProcessTheOutputsStepDrawsIt() throws Exception {
		assertThat(this.animations.finish(this.execution, this.checkpoints.output().resolve(LifeOutputs.GIF)))
			.isEmpty();
	}

	@Test
	void anExecutionThatEndsBeforeItsOutputsLeavesNoneToTake() throws Exception {
		this.animations.start(this.execution, this.checkpoints, this.start, 40);

		this.animations.afterJob(this.execution);

		assertThat(this.animations.finish(this.execution, this.checkpoints.output().resolve(LifeOutputs.GIF)))
			.isEmpty();
	}

	@Test
	void anExecutionThatEndsBeforeItsOutputsLeavesNoThreadDrawingAndNoFileInTheWorkDirectory() throws Exception {
		this.animations.start(this.execution, this.checkpoints, this.start, 40);
		Await.until("the drawing writing its file", Duration.ofSeconds(10), () -> {
			try (Stream<Path> files = Files.list(this.checkpoints.work())) {
				return files.findAny().isPresent();
			}
		});

		this.animations.afterJob(this.execution);

		// Whether the drawing was still under way (its thread alive) or had written its file: neither is left.
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().equals("life-animation-" + this.execution.getId()))
			.filteredOn(Thread::isAlive)
			.isEmpty();
		try (Stream<Path> files = Files.list(this.checkpoints.work())) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aGridTooLargeToDrawBesideTheRunsOwnIsLeftToTheOutputsStep() throws Exception {
		long grids = Grid.GRIDS_IN_MEMORY + LifeAnimations.GRIDS_WHILE_DRAWING;
		long fits = Grid.estimateBytes(this.start.width(), this.start.height()) * grids;

		assertThat(this.animations.start(this.execution, this.checkpoints, this.start, 40, fits - 1)).isFalse();
		assertThat(this.animations.finish(this.execution, this.checkpoints.output().resolve(LifeOutputs.GIF)))
			.isEmpty();
		assertThat(this.animations.start(this.execution, this.checkpoints, this.start, 40, fits)).isTrue();
		assertThat(this.animations.finish(this.execution, this.checkpoints.output().resolve(LifeOutputs.GIF)))
			.isPresent();
	}

	@Test
	void anAnimationThatCouldNotBeDrawnIsDrawnAgainByTheOutputsStep() throws Exception {
		// The work directory is a file: the drawing fails.
		Path notADirectory = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		Checkpoints broken = new Checkpoints(this.checkpoints.output(), notADirectory);
		this.animations.start(this.execution, broken, this.start, 40);
		Path target = this.checkpoints.output().resolve(LifeOutputs.GIF);

		assertThat(this.animations.finish(this.execution, target)).isEmpty();
		assertThat(target).doesNotExist();
	}

	private static Grid glider() {
		Grid grid = new Grid(40, 30);
		grid.set(1, 2, true);
		grid.set(2, 3, true);
		grid.set(3, 1, true);
		grid.set(3, 2, true);
		grid.set(3, 3, true);
		return grid;
	}

}
