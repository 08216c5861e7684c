package dev.fanout.jobs.life;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.format.GridFile;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Placement;

/**
 * Places the pattern on the grid and writes generation 0, the first checkpoint, and starts drawing the GIF of the
 * first generations from it while the generation steps run ({@link LifeAnimations}). The pattern is the one the
 * launch read (or, launched another way, read here).
 */
class LifeSeed implements Tasklet {

	private final LifeParameters parameters;

	private final Checkpoints checkpoints;

	private final LifeAnimations animations;

	LifeSeed(LifeParameters parameters, Checkpoints checkpoints, LifeAnimations animations) {
		this.parameters = parameters;
		this.checkpoints = checkpoints;
		this.animations = animations;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		LifeSetup setup = this.parameters.readSetup();
		Grid grid = Placement.place(setup.pattern(), setup.width(), setup.height(), this.parameters.placement());
		AtomicFiles.write(this.checkpoints.populations(0), (writer) -> writer.write("0," + grid.population() + "\n"));
		GridFile.write(this.checkpoints.grid(0), grid, 0);
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		// Handed to the drawing thread: from here on this step only reads the grid.
		this.animations.start(job, this.checkpoints, grid, LifeOutputs.gifFrames(this.parameters));
		JobOutputs.summarize(job,
				"generation 0 of %d, population %d (%d×%d, %d generations per step)".formatted(
						this.parameters.generations(), grid.population(), setup.width(), setup.height(),
						setup.generationsPerStep()));
		return RepeatStatus.FINISHED;
	}

}
