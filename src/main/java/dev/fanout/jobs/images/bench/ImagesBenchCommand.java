package dev.fanout.jobs.images.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
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
import dev.fanout.batch.bench.SetAsideOutputs;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.images.ImagesProperties;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.DirectoryGallery;
import dev.fanout.jobs.images.http.ImageServer;
import dev.fanout.jobs.images.samples.SampleImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "images", mixinStandardHelpOptions = true, description = {
		"Run the images job in one process, at 1/1/1 and 3/4/5 threads per stage: (a) the book's model, every stage "
				+ "a 10 ms wait (tiny images, local directories), against the model's ideal time, the book's queue "
				+ "pipeline in plain Java on the same ends, and the chapter's own Python pipeline (python3); (b) real "
				+ "HTTP against a local server that answers after 10 ms, against that queue pipeline on the same "
				+ "server; (c) real resizing of large generated JPEGs, "
				+ "against a plain loop doing the job's work per image on as many threads. Every contender runs once "
				+ "to warm up, then --repeat times, timed as a whole run; outputs are checked." })
class ImagesBenchCommand implements JobBenchmark {

	private static final String JOB = "images";

	private static final ResizeSettings RESIZE = new ResizeSettings(320, 240, 0.85f);

	/** The target for (a): the whole run within 5% of the model's ideal time (the book's Python gets 1.04). */
	private static final Target MODEL_VERSUS_IDEAL = Target.atMost(1.05);

	/** The target for (b): within 5% of the book's design in plain Java, at equal threads per stage. */
	private static final Target VERSUS_QUEUES = Target.atMost(1.05);

	/**
	 * For (c): the job's throughput at least 90% of the plain loop's. Stated as throughputs (loop's time ÷ job's) so
	 * that the limit is exact: as a time ratio it would be 1/0.9, which no decimal prints exactly.
	 */
	private static final Target VERSUS_LOOP = Target.atLeast(0.90);

	@Spec
	private CommandSpec spec;

	@Option(names = "--count", defaultValue = "1000", description = "images in the pipeline benchmark (default 1000)")
	private int count;

	@Option(names = "--latency", defaultValue = "10", description = "milliseconds per stage (default 10)")
	private int latency;

	@Option(names = "--stages", split = ";", defaultValue = "1,1,1;3,4,5",
			description = "download,resize,upload threads, configurations separated by ';' (default 1,1,1;3,4,5)")
	private List<String> stages;

	@Option(names = "--large", defaultValue = "24", description = "large JPEGs to resize, 0 to skip part (c) (default 24)")
	private int large;

	@Option(names = "--threads", split = ",", defaultValue = "1,2", description = "resize threads in part (c) (default 1,2)")
	private List<Integer> threads;

	@Option(names = "--python", defaultValue = "python3",
			description = "the Python that runs the chapter's pipeline in part (a) (default python3 on the PATH)")
	private String python;

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
		measure(this.spec.commandLine().getOut(), true);
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out, boolean judged) throws Exception {
		if (this.count < 1 || this.latency < 0 || this.large < 0 || this.repeat < 1
				|| this.threads.stream().anyMatch((t) -> t < 1)) {
			throw CommandFailure.usage("need --count >= 1, --latency >= 0, --large >= 0, --repeat >= 1 and threads >= 1");
		}
		List<int[]> configurations = this.stages.stream().map(ImagesBenchCommand::stageThreads).toList();
		BenchRun run = new BenchRun("images", out, judged).input("(a, b) images", this.count + " tiny PNGs")
			.input("(a) model", this.latency + " ms per download, resize and upload, from and to local directories")
			.input("(b) http", this.latency + " ms per resize and per answer of a local HTTP server")
			.input("(a, b) threads d/r/u", String.join("; ", this.stages))
			.input("(c) images", this.large + " generated 3000x2000 JPEGs, resized to fit 320x240, quality 0.85")
			.input("(c) resize threads", this.threads)
			.input("chunk size", this.properties.chunkSize())
			.input("repeat", this.repeat + " after 1 warm-up of each, job and loop alternating")
			.input("reference", "(a) the model's ideal, images x latency / threads of the narrowest stage, the "
					+ "chapter's own pipeline (Python, its stages pure sleeps), and (a, b) "
					+ "the book's design in plain Java: download, resize and upload threads joined by bounded queues, "
					+ "the same ends, the job's resizer; (c) a plain loop on a pool doing the job's work per image "
					+ "(read, SHA-256, the job's resizer, atomic write)")
			.input("timing", "every contender as a whole run (the job from launch to completion, the Python "
					+ "program from its queues' creation to its last join); the job's step alone also shown");
		run.start();
		Path bench = this.fanout.dataDir().resolve("work/bench/images");
		ImageResizer resizer = new ImageResizer(RESIZE, this.properties.maxPixels());
		try (SetAsideOutputs setAside = new SetAsideOutputs(bench.resolve("set-aside"))) {
			model(run, bench, configurations, resizer, setAside);
			http(run, bench, configurations, resizer, setAside);
			if (this.large > 0) {
				resizing(run, bench, setAside);
			}
		}
		return run.finish();
	}

	/**
	 * (a): the book's model, every stage a {@code latency} wait and nothing else worth the name: tiny images read from
	 * a local directory and written to a local gallery. The job against the model's ideal, items × latency ÷ threads of
	 * the narrowest stage, and the book's design in plain Java on the same ends ({@link QueuePipeline}).
	 */
	private void model(BenchRun run, Path bench, List<int[]> configurations, ImageResizer resizer,
			SetAsideOutputs setAside) throws Exception {
		Duration wait = Duration.ofMillis(this.latency);
		Path input = bench.resolve("model-" + this.count);
		Path gallery = bench.resolve("model-gallery");
		List<Path> sources = new ArrayList<>();
		Map<String, byte[]> expected = new HashMap<>();
		for (int i = 0; i < this.count; i++) {
			byte[] png = SampleImages.png(16, 12, i);
			Path file = input.resolve("%05d.png".formatted(i));
			if (!Files.exists(file)) {
				AtomicFiles.writeBytes(file, (channel) -> channel.write(ByteBuffer.wrap(png)));
			}
			sources.add(file);
			expect(expected, png, resizer);
		}
		DirectoryGallery ends = new DirectoryGallery(gallery, this.fanout.dataDir());
		QueuePipeline reference = new QueuePipeline(() -> PipelineEnds.local(sources, ends, wait), resizer, wait,
				this.properties.chunkSize());
		ChapterPipeline chapter = ChapterPipeline.find(this.python, bench).orElse(null);
		run.note((chapter != null) ? "(a) the chapter's pipeline: " + chapter.script()
				: "(a) the chapter's pipeline: not run, '%s' does not run (--python names another)"
					.formatted(this.python));
		Outputs outputs = new Outputs() {

			@Override
			public Object before() throws IOException {
				setAside.moveAside(gallery); // an interrupted bench's
				return gallery;
			}

			@Override
			public void check(Object before, String whose) throws Exception {
				checkDirectory(gallery, expected, whose);
				setAside.moveAside(gallery);
			}

		};
		compare(run, "(a)", configurations, reference, (t) -> List.of("source=" + this.fanout.dataDir().relativize(input),
				"target=" + this.fanout.dataDir().relativize(gallery), "downloadLatency=" + this.latency + "ms",
				"resizeLatency=" + this.latency + "ms", "uploadLatency=" + this.latency + "ms"), outputs, chapter, null,
				MODEL_VERSUS_IDEAL, setAside);
	}

	/**
	 * (b): real HTTP, every exchange answered after {@code latency} by a local server, every resize {@code latency}
	 * longer. The job against the book's design in plain Java ({@link QueuePipeline}) on the same server with the same
	 * threads per stage; the model's ideal is shown, which real HTTP cannot reach.
	 */
	private void http(BenchRun run, Path bench, List<int[]> configurations, ImageResizer resizer,
			SetAsideOutputs setAside) throws Exception {
		Duration wait = Duration.ofMillis(this.latency);
		try (ImageServer server = ImageServer.start(wait, wait)) {
			Path urls = bench.resolve("urls-" + this.count + ".txt");
			List<URI> sources = new ArrayList<>();
			Map<String, byte[]> expected = new HashMap<>();
			for (int i = 0; i < this.count; i++) {
				String path = "/images/" + i + ".png";
				byte[] png = SampleImages.png(16, 12, i);
				server.serve(path, png, "image/png");
				sources.add(server.uri(path));
				expect(expected, png, resizer);
			}
			AtomicFiles.write(urls, (writer) -> {
				for (URI source : sources) {
					writer.write(source.toString());
					writer.newLine();
				}
			});
			QueuePipeline reference = new QueuePipeline(() -> PipelineEnds.http(sources, server.galleryUri()),
					resizer, wait, this.properties.chunkSize());
			Outputs outputs = new Outputs() {

				@Override
				public Object before() {
					return Map.copyOf(server.uploadCounts());
				}

				@Override
				@SuppressWarnings("unchecked")
				public void check(Object before, String whose) {
					checkGallery(server, (Map<String, Integer>) before, expected, whose);
				}

			};
			compare(run, "(b)", configurations, reference, (t) -> List.of(
					"source=" + this.fanout.dataDir().relativize(urls), "target=" + server.galleryUri(),
					"resizeLatency=" + this.latency + "ms"), outputs, null, VERSUS_QUEUES, null, setAside);
		}
	}

	/** What a run's outputs are checked against: its state before the run, then the outputs after it. */
	private interface Outputs {

		Object before() throws Exception;

		void check(Object before, String whose) throws Exception;

	}

	/**
	 * One part at each configuration of threads: the queue pipeline, the chapter's (if given) and the job, alternating,
	 * each run's outputs checked; the job's step alone and the peak heap of the job's and the queue pipeline's runs shown
	 * too; the ratios with their targets, if any.
	 */
	private void compare(BenchRun run, String part, List<int[]> configurations, QueuePipeline reference,
			Function<int[], List<String>> jobArguments, Outputs outputs, @Nullable ChapterPipeline chapter,
			@Nullable Target versusQueues, @Nullable Target versusIdeal, SetAsideOutputs setAside) throws Exception {
		for (int[] t : configurations) {
			String threads = "%d/%d/%d".formatted(t[0], t[1], t[2]);
			List<Sample> steps = new ArrayList<>();
			// Peak heaps of the queue pipeline's runs and the job's, in bytes; every contender's run starts from a
			// collected heap, whether its peak is read or not, so that none pays a collection another was spared.
			long[] peakHeap = { 0, 0 };
			// The first call is the warm-up (Runs runs one before the measured ones): its step time is not kept.
			boolean[] measuring = { false, false };
			List<String> arguments = new ArrayList<>(jobArguments.apply(t));
			arguments.addAll(List.of("downloadThreads=" + t[0], "resizeThreads=" + t[1], "uploadThreads=" + t[2],
					"maxWidth=" + RESIZE.maxWidth(), "maxHeight=" + RESIZE.maxHeight(), "quality=" + RESIZE.quality()));
			List<Runs.Contender> contenders = new ArrayList<>();
			contenders.add(Runs.contender("%s queue pipeline, threads %s (whole run)".formatted(part, threads), () -> {
				Object before = outputs.before();
				resetPeakHeap();
				Sample sample = Sample.time(() -> reference.run(t[0], t[1], t[2]));
				outputs.check(before, "the queue pipeline");
				if (measuring[0]) {
					peakHeap[0] = Math.max(peakHeap[0], peakHeap());
				}
				measuring[0] = true;
				return sample;
			}));
			if (chapter != null) {
				// Sleeps only, no images: it checks its own count of finished items. Its heap is its own process's.
				contenders.add(Runs.contender("%s chapter's Python, threads %s (whole run)".formatted(part, threads),
						() -> {
							resetPeakHeap();
							return chapter.run(t[0], t[1], t[2], this.count, Duration.ofMillis(this.latency));
						}));
			}
			contenders.add(Runs.contender("%s job, threads %s (whole run)".formatted(part, threads), () -> {
				Object before = outputs.before();
				resetPeakHeap();
				Sample.Timed<JobExecution> job = Sample.timed(() -> this.launcher.runNewInstance(JOB, arguments));
				outputs.check(before, "the job");
				setAside.moveAsideOutputsOf(job.value()); // its report
				if (measuring[1]) {
					steps.add(Sample.of(pipelineSeconds(job.value())));
					peakHeap[1] = Math.max(peakHeap[1], peakHeap());
				}
				measuring[1] = true;
				return job.sample();
			}));
			List<Measurement> measured = run.add(Runs.alternate(1, this.repeat, contenders));
			Measurement queue = measured.get(0);
			Measurement whole = measured.get(measured.size() - 1);
			Measurement book = (chapter != null) ? measured.get(1) : null;
			run.note("%s threads %s: peak heap of a run, job %.0f MiB, queue pipeline %.0f MiB (each run from a collected "
				.formatted(part, threads, peakHeap[1] / 1048576.0, peakHeap[0] / 1048576.0) + "heap)");
			Measurement step = run.add(new Measurement("%s job, threads %s (its pipeline step only)"
				.formatted(part, threads), steps));
			run.ratio("%s job / queue pipeline, threads %s".formatted(part, threads), whole.best() / queue.best(),
					versusQueues);
			if (book != null) {
				run.ratio("%s job (whole run) / chapter's Python pipeline, threads %s".formatted(part, threads),
						whole.best() / book.best(), null);
			}
			double ideal = this.count * (this.latency / 1000.0) / Math.min(t[0], Math.min(t[1], t[2]));
			if (ideal > 0) {
				run.ratio("%s job (whole run) / ideal %.3f s, threads %s".formatted(part, ideal, threads),
						whole.best() / ideal, versusIdeal);
				run.ratio("%s queue pipeline / ideal, threads %s".formatted(part, threads), queue.best() / ideal, null);
				if (book != null) {
					run.ratio("%s chapter's Python pipeline / ideal, threads %s".formatted(part, threads),
							book.best() / ideal, null);
				}
				// The ideal is no run but the pipeline's own lower bound, so the pipeline step alone is set against it.
				run.ratio("%s job (pipeline step only) / ideal, threads %s".formatted(part, threads),
						step.best() / ideal, null);
			}
		}
		run.note("%s outputs: every run of the queue pipeline and of the job uploaded each of the %d images once, "
			.formatted(part, this.count) + "byte for byte the job's resizer's result, under the job's name for it"
				+ ((chapter != null)
						? "; every run of the chapter's pipeline finished its %d items".formatted(this.count) : ""));
		if (this.latency == 0) {
			run.note(part + " --latency 0: the model has no ideal time, so no ratio to it");
		}
	}

	/** The name and bytes the job's resizer gives {@code png} in the gallery. */
	private static void expect(Map<String, byte[]> expected, byte[] png, ImageResizer resizer) throws Exception {
		ResizedImage resized = resizer.resize(png);
		expected.put(QueuePipeline.name(QueuePipeline.hashPrefix(png), resized), resized.bytes());
	}

	/** The directory holds exactly the expected images, by name, byte for byte. */
	private static void checkDirectory(Path gallery, Map<String, byte[]> expected, String whose) throws IOException {
		Map<String, byte[]> found = new HashMap<>();
		try (Stream<Path> files = Files.list(gallery)) {
			for (Path file : files.toList()) {
				found.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		for (Map.Entry<String, byte[]> image : expected.entrySet()) {
			if (!Arrays.equals(found.get(image.getKey()), image.getValue())) {
				throw new IllegalStateException("%s did not write %s into %s as the job's resizer makes it"
					.formatted(whose, image.getKey(), gallery));
			}
		}
		if (found.size() != expected.size()) {
			throw new IllegalStateException("%s left %d files in %s, not the %d expected".formatted(whose, found.size(),
					gallery, expected.size()));
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
	 * (c): real decoding, resizing and encoding. The job runs with 1 download, {@code t} resize and 1 upload thread
	 * (its resize threads hash each image too, as the loop's threads do); its downloads and uploads run beside the
	 * resizes, so the cores each contender kept busy are shown.
	 */
	private void resizing(BenchRun run, Path bench, SetAsideOutputs setAside) throws Exception {
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
					Runs.contender("(c) plain loop, %d thread%s (whole loop)".formatted(t, (t == 1) ? "" : "s"), () -> {
						setAside.moveAside(loopOutput);
						return Sample.time(() -> PlainResizeLoop.run(input, loopOutput, t, resizer));
					}),
					Runs.contender("(c) job, 1/%d/1 threads d/r/u (whole run)".formatted(t), () -> {
						setAside.moveAside(jobOutput);
						Sample.Timed<JobExecution> job = Sample.timed(() -> this.launcher.runNewInstance(JOB, List.of(
								"source=" + this.fanout.dataDir().relativize(input),
								"target=" + this.fanout.dataDir().relativize(jobOutput), "downloadThreads=1",
								"resizeThreads=" + t, "uploadThreads=1", "maxWidth=" + RESIZE.maxWidth(),
								"maxHeight=" + RESIZE.maxHeight(), "quality=" + RESIZE.quality())));
						checkResized(jobOutput, loopOutput, this.large);
						setAside.moveAsideOutputsOf(job.value()); // jobOutput and its report
						return job.sample();
					}))));
			run.ratio("(c) job's throughput / plain loop's (loop's time / job's), %d resize thread%s".formatted(t,
					(t == 1) ? "" : "s"), pair.get(0).best() / pair.get(1).best(), VERSUS_LOOP);
		}
		setAside.moveAside(loopOutput);
		run.note("(c) outputs: the job's resized images are byte for byte the plain loop's (as a set: the job names "
				+ "them by content)");
	}

	/**
	 * The job resized every image, as the loop did: as many files in each as there are images, and the same set of
	 * contents (two empty directories, or two short ones, are not equal outputs).
	 */
	static void checkResized(Path jobOutput, Path loopOutput, int images) throws IOException {
		List<String> job = contents(jobOutput);
		List<String> loop = contents(loopOutput);
		if (job.size() != images || loop.size() != images) {
			throw new IllegalStateException("(c) wrote %d resized images (the job, in %s) and %d (the plain loop, "
				.formatted(job.size(), jobOutput, loop.size()) + "in %s), not %d".formatted(loopOutput, images));
		}
		if (!job.equals(loop)) {
			throw new IllegalStateException("the job's resized images in " + jobOutput
					+ " differ from the plain loop's in " + loopOutput);
		}
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
