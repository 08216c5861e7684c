package dev.fanout.jobs.images.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.images.ImageResizer;
import dev.fanout.jobs.images.ImageServer;
import dev.fanout.jobs.images.ImagesProperties;
import dev.fanout.jobs.images.ResizeSettings;
import dev.fanout.jobs.images.ResizedImage;
import dev.fanout.jobs.images.SampleImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "images", mixinStandardHelpOptions = true, description = {
		"Run the images job in one process: (a) the book's shape, every stage 10 ms of waiting, against a local HTTP "
				+ "server, at 1/1/1 and 3/4/5 threads per stage, against the book's queue pipeline in plain Java "
				+ "with the same threads; (b) real resizing of large "
				+ "generated JPEGs, against a plain loop doing the job's work per image on as many threads. Every "
				+ "contender runs once to warm up, then --repeat times, timed as a whole run; outputs are checked." })
class ImagesBenchCommand implements JobBenchmark {

	private static final String JOB = "images";

	private static final ResizeSettings RESIZE = new ResizeSettings(320, 240, 0.85f);

	/** The target for (a): within 5% of the book's design in plain Java, at equal threads per stage. */
	private static final Target VERSUS_QUEUES = Target.atMost(1.05);

	/** For (b): the job's throughput at least 90% of the plain loop's, so its time at most 1/0.9 of the loop's. */
	private static final Target VERSUS_LOOP = Target.atMost(1 / 0.9);

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

	@Option(names = "--repeat", defaultValue = "3",
			description = "measured runs of each, after one warm-up; the ratios compare the fastest (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	private final ImagesProperties properties;

	ImagesBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout, ImagesProperties properties) {
		this.launcher = launcher;
		this.fanout = fanout;
		this.properties = properties;
	}

	@Override
	public List<String> arguments(Size size) {
		return (size == Size.TINY) ? List.of("--count", "6", "--large", "2", "--repeat", "1")
				: List.of("--count", "300", "--large", "12");
	}

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut());
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out) throws Exception {
		if (this.count < 1 || this.latency < 0 || this.large < 0 || this.repeat < 1
				|| this.threads.stream().anyMatch((t) -> t < 1)) {
			throw CommandFailure.usage("need --count >= 1, --latency >= 0, --large >= 0, --repeat >= 1 and threads >= 1");
		}
		List<int[]> configurations = this.stages.stream().map(ImagesBenchCommand::stageThreads).toList();
		BenchRun run = new BenchRun("images", out).input("(a) images", this.count + " tiny PNGs")
			.input("(a) latency", this.latency + " ms per download, resize and upload (a local HTTP server)")
			.input("(a) threads d/r/u", String.join("; ", this.stages))
			.input("(b) images", this.large + " generated 3000x2000 JPEGs, resized to fit 320x240, quality 0.85")
			.input("(b) resize threads", this.threads)
			.input("chunk size", this.properties.chunkSize())
			.input("repeat", this.repeat + " after 1 warm-up of each, job and loop alternating")
			.input("reference", "(a) the book's design in plain Java: download, resize and upload threads joined by "
					+ "bounded queues, the same server, the job's resizer (and the model's ideal, images x latency / "
					+ "threads of the narrowest stage); (b) a plain loop on a pool doing the job's work per image "
					+ "(read, SHA-256, the job's resizer, atomic write)")
			.input("timing", "every contender as a whole run (the job from launch to completion); the job's step "
					+ "alone also shown");
		run.start();
		Path bench = this.fanout.dataDir().resolve("work/bench/images");
		pipeline(run, bench, configurations);
		if (this.large > 0) {
			resizing(run, bench);
		}
		return run.finish();
	}

	/**
	 * (a): every stage waits {@code latency}. The job against the book's design in plain Java ({@link QueuePipeline})
	 * on the same server with the same threads per stage, and against the model's ideal, items × latency ÷ threads of
	 * the narrowest stage, which real HTTP cannot reach.
	 */
	private void pipeline(BenchRun run, Path bench, List<int[]> configurations) throws Exception {
		Duration wait = Duration.ofMillis(this.latency);
		ImageResizer resizer = new ImageResizer(RESIZE, this.properties.maxPixels());
		try (ImageServer server = ImageServer.start(wait, wait)) {
			Path urls = bench.resolve("urls-" + this.count + ".txt");
			List<URI> sources = new ArrayList<>();
			Map<String, byte[]> expected = new HashMap<>();
			for (int i = 0; i < this.count; i++) {
				String path = "/images/" + i + ".png";
				byte[] png = SampleImages.png(16, 12, i);
				server.serve(path, png, "image/png");
				sources.add(server.uri(path));
				ResizedImage resized = resizer.resize(png);
				expected.put(QueuePipeline.name(QueuePipeline.hashPrefix(png), resized), resized.bytes());
			}
			AtomicFiles.write(urls, (writer) -> {
				for (URI source : sources) {
					writer.write(source.toString());
					writer.newLine();
				}
			});
			QueuePipeline reference = new QueuePipeline(sources, server.galleryUri(), resizer, wait,
					this.properties.chunkSize());
			for (int[] t : configurations) {
				String threads = "%d/%d/%d".formatted(t[0], t[1], t[2]);
				List<Sample> steps = new ArrayList<>();
				long[] peakHeap = { 0 };
				// The first call is the warm-up (Runs runs one before the measured ones): its step time is not kept.
				boolean[] measuring = { false };
				List<Measurement> pair = run.add(Runs.alternate(1, this.repeat, List.of(
						Runs.contender("(a) queue pipeline, threads %s (whole run)".formatted(threads), () -> {
							Map<String, Integer> before = Map.copyOf(server.uploadCounts());
							Sample sample = Sample.time(() -> reference.run(t[0], t[1], t[2]));
							checkGallery(server, before, expected, "the queue pipeline");
							return sample;
						}),
						Runs.contender("(a) job, threads %s (whole run)".formatted(threads), () -> {
							Map<String, Integer> before = Map.copyOf(server.uploadCounts());
							resetPeakHeap();
							Sample.Timed<JobExecution> job = Sample.timed(() -> this.launcher.runNewInstance(JOB,
									List.of("source=" + this.fanout.dataDir().relativize(urls),
											"target=" + server.galleryUri(), "downloadThreads=" + t[0],
											"resizeThreads=" + t[1], "uploadThreads=" + t[2],
											"resizeLatency=" + this.latency + "ms", "maxWidth=" + RESIZE.maxWidth(),
											"maxHeight=" + RESIZE.maxHeight(), "quality=" + RESIZE.quality())));
							checkGallery(server, before, expected, "the job");
							if (measuring[0]) {
								steps.add(Sample.of(pipelineSeconds(job.value())));
								peakHeap[0] = Math.max(peakHeap[0], peakHeap());
							}
							measuring[0] = true;
							return job.sample();
						}))));
				Measurement queue = pair.get(0);
				Measurement whole = pair.get(1);
				run.note("(a) job, threads %s: peak heap %.0f MiB".formatted(threads, peakHeap[0] / 1048576.0));
				Measurement step = run.add(new Measurement("(a) job, threads %s (its pipeline step only)"
					.formatted(threads), steps));
				run.ratio("(a) job / queue pipeline, threads %s".formatted(threads), whole.best() / queue.best(),
						VERSUS_QUEUES);
				double ideal = this.count * (this.latency / 1000.0) / Math.min(t[0], Math.min(t[1], t[2]));
				if (ideal > 0) {
					run.ratio("(a) queue pipeline / ideal %.3f s, threads %s".formatted(ideal, threads),
							queue.best() / ideal, null);
					run.ratio("(a) job (whole run) / ideal, threads %s".formatted(threads), whole.best() / ideal, null);
					run.ratio("(a) job (step only) / ideal, threads %s".formatted(threads), step.best() / ideal, null);
				}
			}
			run.note("(a) outputs: every run of either uploaded each of the %d images once, byte for byte the job's "
				.formatted(this.count) + "resizer's result, under the job's name for it");
			if (this.latency == 0) {
				run.note("(a) --latency 0: the model has no ideal time, so no ratio to it");
			}
		}
	}

	/** Every expected image uploaded once more since {@code before}, with the expected bytes. */
	private static void checkGallery(ImageServer server, Map<String, Integer> before, Map<String, byte[]> expected,
			String whose) {
		Map<String, Integer> after = server.uploadCounts();
		for (Map.Entry<String, byte[]> image : expected.entrySet()) {
			String name = image.getKey();
			if (after.getOrDefault(name, 0) != before.getOrDefault(name, 0) + 1
					|| !Arrays.equals(server.uploaded(name).orElse(null), image.getValue())) {
				throw new IllegalStateException("%s did not upload %s once, as the job's resizer makes it (uploads: %d)"
					.formatted(whose, name, after.getOrDefault(name, 0) - before.getOrDefault(name, 0)));
			}
		}
		if (after.size() != expected.size()) {
			throw new IllegalStateException("the gallery holds %d names, not the %d expected".formatted(after.size(),
					expected.size()));
		}
	}

	private static int[] stageThreads(String configuration) {
		String[] parts = configuration.split(",");
		if (parts.length != 3) {
			throw CommandFailure.usage("--stages %s: give three thread counts, download,resize,upload".formatted(configuration));
		}
		try {
			int[] threads = { Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
					Integer.parseInt(parts[2].trim()) };
			if (threads[0] < 1 || threads[1] < 1 || threads[2] < 1) {
				throw CommandFailure.usage("--stages %s: thread counts must be 1 or more".formatted(configuration));
			}
			return threads;
		}
		catch (NumberFormatException ex) {
			throw CommandFailure.usage("--stages %s: thread counts must be whole numbers".formatted(configuration));
		}
	}

	/**
	 * (b): real decoding, resizing and encoding. The job runs with 1 download, {@code t} resize and 1 upload thread;
	 * its downloads, hashing and uploads run beside the resizes, so the cores each contender kept busy are shown.
	 */
	private void resizing(BenchRun run, Path bench) throws Exception {
		Path input = bench.resolve("large-" + this.large);
		for (int i = 0; i < this.large; i++) {
			Path file = input.resolve("large-%03d.jpg".formatted(i));
			if (!Files.exists(file)) {
				byte[] jpeg = SampleImages.jpeg(3000, 2000, i);
				AtomicFiles.writeBytes(file, (channel) -> channel.write(ByteBuffer.wrap(jpeg)));
			}
		}
		ImageResizer resizer = new ImageResizer(RESIZE, this.properties.maxPixels());
		Path loopOutput = bench.resolve("loop-out");
		Path jobOutput = bench.resolve("job-out");
		for (int t : this.threads) {
			List<Measurement> pair = run.add(Runs.alternate(1, this.repeat, List.of(
					Runs.contender("(b) plain loop, %d thread%s (whole loop)".formatted(t, (t == 1) ? "" : "s"), () -> {
						deleteFiles(loopOutput);
						return Sample.time(() -> PlainResizeLoop.run(input, loopOutput, t, resizer));
					}),
					Runs.contender("(b) job, 1/%d/1 threads d/r/u (whole run)".formatted(t), () -> {
						deleteFiles(jobOutput);
						Sample sample = Sample.time(() -> this.launcher.runNewInstance(JOB, List.of(
								"source=" + this.fanout.dataDir().relativize(input),
								"target=" + this.fanout.dataDir().relativize(jobOutput), "downloadThreads=1",
								"resizeThreads=" + t, "uploadThreads=1", "maxWidth=" + RESIZE.maxWidth(),
								"maxHeight=" + RESIZE.maxHeight(), "quality=" + RESIZE.quality())));
						if (!contents(jobOutput).equals(contents(loopOutput))) {
							throw new IllegalStateException("the job's resized images in " + jobOutput
									+ " differ from the plain loop's in " + loopOutput);
						}
						return sample;
					}))));
			run.ratio("(b) job / plain loop, %d resize thread%s".formatted(t, (t == 1) ? "" : "s"),
					pair.get(1).best() / pair.get(0).best(), VERSUS_LOOP);
		}
		run.note("(b) outputs: the job's resized images are byte for byte the plain loop's (as a set: the job names "
				+ "them by content)");
	}

	/** The SHA-256 of every file of a directory, sorted: equal for equal sets of files, whatever their names. */
	private static List<String> contents(Path directory) throws IOException {
		List<String> digests = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				try {
					digests.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
				}
				catch (java.security.NoSuchAlgorithmException ex) {
					throw new IllegalStateException("every JDK has SHA-256", ex);
				}
			}
		}
		digests.sort(null);
		return digests;
	}

	private static void deleteFiles(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
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
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
	}

}
