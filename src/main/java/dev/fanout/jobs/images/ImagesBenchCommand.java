package dev.fanout.jobs.images;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.http.ImageServer;
import dev.fanout.jobs.images.samples.SampleImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "images", mixinStandardHelpOptions = true, description = {
		"Run the images job in one process: (a) the book's shape, every stage 10 ms of waiting, against a local HTTP "
				+ "server, at 1/1/1 and 3/4/5 threads per stage, against the ideal time; (b) real resizing of large "
				+ "generated JPEGs, against a plain Thumbnailator loop on the same number of threads." })
class ImagesBenchCommand implements JobBenchmark {

	@Spec
	private CommandSpec spec;

	@Option(names = "--count", defaultValue = "1000", description = "images in the pipeline benchmark (default 1000)")
	private int count;

	@Option(names = "--latency", defaultValue = "10", description = "milliseconds per stage (default 10)")
	private int latency;

	@Option(names = "--stages", split = ";", defaultValue = "1,1,1;3,4,5",
			description = "download,resize,upload threads, configurations separated by ';' (default 1,1,1;3,4,5)")
	private List<String> stages;

	@Option(names = "--large", defaultValue = "24", description = "large JPEGs to resize, 0 to skip part (b) (default 24)")
	private int large;

	@Option(names = "--threads", split = ",", defaultValue = "1,2", description = "resize threads in part (b) (default 1,2)")
	private List<Integer> threads;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	private final ImagesProperties properties;

	ImagesBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout, ImagesProperties properties) {
		this.launcher = launcher;
		this.fanout = fanout;
		this.properties = properties;
	}

	@Override
	public Integer call() throws Exception {
		if (this.count < 1 || this.latency < 0 || this.large < 0 || this.threads.stream().anyMatch((t) -> t < 1)) {
			throw CommandFailure.usage("need --count >= 1, --latency >= 0, --large >= 0 and threads >= 1");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		Path bench = this.fanout.dataDir().resolve("work/bench/images");
		pipeline(out, bench);
		if (this.large > 0) {
			resizing(out, bench);
		}
		return ExitCodes.OK;
	}

	/** (a): every stage waits {@code latency}; the ideal is items × latency ÷ threads of the narrowest stage. */
	private void pipeline(PrintWriter out, Path bench) throws Exception {
		Duration wait = Duration.ofMillis(this.latency);
		out.println("(a) %d tiny PNGs; download and upload from a local HTTP server answering after %d ms, resize "
			.formatted(this.count, this.latency) + "waits %d ms; chunk size %d".formatted(this.latency,
					this.properties.chunkSize()));
		try (ImageServer server = ImageServer.start(wait, wait)) {
			Path urls = bench.resolve("urls-" + this.count + ".txt");
			AtomicFiles.write(urls, (writer) -> {
				for (int i = 0; i < this.count; i++) {
					String path = "/images/" + i + ".png";
					server.serve(path, SampleImages.png(16, 12, i), ImageFormat.PNG.mediaType());
					writer.write(server.uri(path).toString());
					writer.newLine();
				}
			});
			byte[] sample = SampleImages.png(16, 12, 0);
			server.serve("/calibration.png", sample, ImageFormat.PNG.mediaType());
			StageCosts costs = StageCosts.measure(server, server.uri("/calibration.png"), sample, wait);
			out.println(("One item at a time, a stage costs: download %.1f ms, resize %.1f ms, upload %.1f ms "
					+ "(the modelled %d ms plus loopback HTTP or PNG work); 'bound' is the slowest stage's share of that")
				.formatted(costs.download() * 1e3, costs.resize() * 1e3, costs.upload() * 1e3, this.latency));
			out.println("%14s  %10s  %10s  %12s  %10s  %12s  %14s".formatted("threads d/r/u", "step", "ideal",
					"step/ideal", "bound", "step/bound", "peak heap MiB"));
			out.flush();
			for (String configuration : this.stages) {
				int[] t = stageThreads(configuration);
				resetPeakHeap();
				JobExecution job = this.launcher.runNewInstance(ImagesJobConfiguration.JOB,
						List.of("source=" + this.fanout.dataDir().relativize(urls), "target=" + server.galleryUri(),
								"downloadThreads=" + t[0], "resizeThreads=" + t[1], "uploadThreads=" + t[2],
								"resizeLatency=" + this.latency + "ms"));
				double seconds = pipelineSeconds(job);
				double ideal = this.count * (this.latency / 1000.0) / Math.min(t[0], Math.min(t[1], t[2]));
				double bound = costs.bound(this.count, t[0], t[1], t[2]);
				// With --latency 0 the model has no ideal time: only the measured bound is meaningful.
				String versusIdeal = (ideal > 0) ? "%12.3f".formatted(seconds / ideal) : "%12s".formatted("-");
				out.println("%14s  %8.3f s  %8.3f s  %s  %8.3f s  %12.3f  %14.1f".formatted(
						configuration.replace(',', '/'), seconds, ideal, versusIdeal, bound, seconds / bound,
						peakHeap() / 1048576.0));
				out.flush();
			}
		}
	}

	private static int[] stageThreads(String configuration) {
		String[] parts = configuration.split(",");
		if (parts.length != 3) {
			throw CommandFailure.usage("--stages %s: give three thread counts, download,resize,upload".formatted(configuration));
		}
		try {
			return new int[] { Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
					Integer.parseInt(parts[2].trim()) };
		}
		catch (NumberFormatException ex) {
			throw CommandFailure.usage("--stages %s: thread counts must be whole numbers".formatted(configuration));
		}
	}

	/** (b): real decoding, resizing and encoding, the job against a plain loop on the same number of threads. */
	private void resizing(PrintWriter out, Path bench) throws Exception {
		Path input = bench.resolve("large-" + this.large);
		for (int i = 0; i < this.large; i++) {
			Path file = input.resolve("large-%03d.jpg".formatted(i));
			if (!Files.exists(file)) {
				byte[] jpeg = SampleImages.jpeg(3000, 2000, i);
				AtomicFiles.writeBytes(file, (channel) -> channel.write(ByteBuffer.wrap(jpeg)));
			}
		}
		out.println("(b) %d generated 3000×2000 JPEGs resized to fit 320×240, quality 0.85".formatted(this.large));
		out.println("%14s  %12s  %12s  %10s".formatted("resize threads", "loop img/s", "job img/s", "job/loop"));
		out.flush();
		for (int t : this.threads) {
			double loop = this.large / PlainResizeLoop.run(input, bench.resolve("loop-out"), t);
			JobExecution job = this.launcher.runNewInstance(ImagesJobConfiguration.JOB,
					List.of("source=" + this.fanout.dataDir().relativize(input),
							"target=" + this.fanout.dataDir().relativize(bench.resolve("job-out")),
							"downloadThreads=2", "resizeThreads=" + t, "uploadThreads=2"));
			double jobRate = this.large / pipelineSeconds(job);
			out.println("%14d  %12.1f  %12.1f  %10.2f".formatted(t, loop, jobRate, jobRate / loop));
			out.flush();
		}
	}

	private static double pipelineSeconds(JobExecution job) {
		StepExecution step = job.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().equals("imagesPipeline"))
			.findFirst()
			.orElseThrow();
		return Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9;
	}

	private static void resetPeakHeap() {
		System.gc();
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/** Sum of the heap pools' peaks: an upper bound of what the run held, garbage not yet collected included. */
	private static long peakHeap() {
		return heapPools().stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
	}

	private static List<MemoryPoolMXBean> heapPools() {
		return new ArrayList<>(ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList());
	}

}
