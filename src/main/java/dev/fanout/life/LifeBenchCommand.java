package dev.fanout.life;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.launch.CommandFailure;
import dev.fanout.launch.ExitCodes;
import dev.fanout.launch.Launcher;
import dev.fanout.system.AtomicFiles;
import dev.fanout.system.FanoutProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "life", mixinStandardHelpOptions = true, description = {
		"The R-pentomino centred on a torus: a plain single-threaded byte-per-cell loop, the bit-parallel kernel in "
				+ "memory, and the life job at each partition count, in one run. Prints cell updates/s and the job's "
				+ "framework cost per generation." })
public class LifeBenchCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--size", defaultValue = "1024", description = "width and height of the torus (default 1024)")
	private int size;

	@Option(names = "--generations", defaultValue = "1103", description = "generations (default 1103)")
	private int generations;

	@Option(names = "--partitions", split = ",", defaultValue = "1,2", description = "partition counts (default 1,2)")
	private List<Integer> partitions;

	@Option(names = "--checkpoint", defaultValue = "auto", description = "generations per step (default auto)")
	private String checkpoint;

	private final Launcher launcher;

	private final FanoutProperties fanout;

	LifeBenchCommand(Launcher launcher, FanoutProperties fanout) {
		this.launcher = launcher;
		this.fanout = fanout;
	}

	@Override
	public Integer call() throws Exception {
		if (this.size < 3 || this.generations < 1 || this.partitions.stream().anyMatch((p) -> p < 1 || p > this.size)) {
			throw CommandFailure.usage("need --size >= 3, --generations >= 1 and 1 <= partitions <= size");
		}
		Path pattern = this.fanout.dataDir().resolve("work/bench/life/r-pentomino.rle");
		AtomicFiles.write(pattern, (writer) -> writer.write("x = 3, y = 3, rule = B3/S23\nb2o$2ob$bo!\n"));
		Grid start = Placement.place(PatternReader.read(pattern), this.size, this.size, Placement.CENTER);
		double updates = (double) this.size * this.size * this.generations;
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("R-pentomino centred on %d×%d, %d generations: %.3g cell updates".formatted(this.size, this.size,
				this.generations, updates));
		out.flush();

		long begin = System.nanoTime();
		LifeRules.advance(LifeRules.toBytes(start), this.size, this.size, this.generations);
		double plain = (System.nanoTime() - begin) / 1e9;
		BitKernel.advance(start, Math.min(this.generations, 50));
		begin = System.nanoTime();
		Grid end = BitKernel.advance(start, this.generations);
		double kernel = (System.nanoTime() - begin) / 1e9;
		out.println("%-34s %8.3f s  %10.3g updates/s".formatted("plain byte-per-cell loop, 1 thread", plain,
				updates / plain));
		out.println("%-34s %8.3f s  %10.3g updates/s  (population %d)".formatted("bit-parallel kernel, 1 thread",
				kernel, updates / kernel, end.population()));
		for (int p : this.partitions) {
			JobExecution execution = runJob(pattern, p);
			double steps = 0;
			int stepCount = 0;
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().equals("lifeGenerations")) {
					steps += Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9;
					stepCount++;
				}
			}
			double overhead = steps - kernel / p;
			out.println(("%-34s %8.3f s  %10.3g updates/s  %d steps, cost beyond the kernel's ideal %.0f ms "
					+ "(%.3f ms/generation)").formatted("job, partitions=" + p + " (generation steps)", steps,
							updates / steps, stepCount, overhead * 1000, overhead * 1000 / this.generations));
			out.flush();
		}
		return ExitCodes.OK;
	}

	private JobExecution runJob(Path pattern, int partitions) {
		return this.launcher.runNewInstance(LifeFiles.JOB,
				List.of("pattern=" + this.fanout.dataDir().relativize(pattern), "width=" + this.size,
						"height=" + this.size, "placement=center", "generations=" + this.generations,
						"partitions=" + partitions, "checkpoint=" + this.checkpoint));
	}

}
