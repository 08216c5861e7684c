package dev.fanout.jobs.openssl.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.ChildProcess;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;
import dev.fanout.batch.bench.SetAsideOutputs;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.openssl.ByteSize;
import dev.fanout.jobs.openssl.OpensslPassword;
import dev.fanout.jobs.openssl.OpensslProperties;
import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "openssl", mixinStandardHelpOptions = true, description = {
		"Run the openssl job on generated payloads at each parallelism, and the same chains as bash pipelines built "
				+ "from the job's argv (pipefail, as many lanes of chains as the parallelism), both as whole runs, "
				+ "one warm-up each, then alternating; checks every run's outputs (each ciphertext decrypted and "
				+ "compared with its payload, each digest with its ciphertext). Encrypts with the job's password "
				+ "(FANOUT_OPENSSL_PASSWORD or fanout.openssl.password-file), or, when none is configured, with a "
				+ "random one for its own runs." })
class OpensslBenchCommand implements JobBenchmark {

	private static final String JOB = "openssl";

	private static final String CIPHER = OutputCheck.CIPHER;

	/** What a job that drives processes should cost over the shell that drives the same ones. */
	private static final Target JOB_VERSUS_SHELL = Target.atMost(1.10);

	/** Far longer than any run of the script: one that hangs fails the bench instead of holding it forever. */
	private static final Duration SHELL_TIMEOUT = Duration.ofHours(1);

	@Spec
	private CommandSpec spec;

	@Option(names = "--count", defaultValue = "100", description = "payloads (default 100)")
	private int count;

	@Option(names = "--size", defaultValue = "1MiB", description = "size of each payload (default 1MiB)")
	private String size;

	@Option(names = "--parallelism", split = ",", defaultValue = "1,2", description = "chains at once (default 1,2)")
	private List<Integer> parallelism;

	@Option(names = "--digest", defaultValue = "sha256", description = "digest (default sha256)")
	private String digest;

	@Option(names = "--repeat", defaultValue = "3",
			description = "measured runs of each, after one warm-up, shell and job alternating (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	private final OpensslProperties properties;

	private final OpensslPassword password;

	OpensslBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout, OpensslProperties properties,
			OpensslPassword password) {
		this.launcher = launcher;
		this.fanout = fanout;
		this.properties = properties;
		this.password = password;
	}

	@Override
	public List<String> arguments(Size size) {
		return (size == Size.TINY) ? List.of("--count", "3", "--size", "4KiB", "--repeat", "1")
				: List.of("--count", "50");
	}

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut(), true);
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out, boolean judged) throws Exception {
		if (this.count < 1 || this.repeat < 1 || this.parallelism.isEmpty()
				|| this.parallelism.stream().anyMatch((p) -> p < 1)) {
			throw CommandFailure.usage("need --count >= 1, --repeat >= 1 and parallelism >= 1");
		}
		long bytes;
		Secret secret;
		boolean configured;
		OpensslTool tool;
		try {
			bytes = ByteSize.parse("--size", this.size);
			configured = this.password.configured();
			secret = this.password.forBench();
			// Validated before anything uses it: only a name that openssl lists reaches a command line.
			tool = OpensslTool.probe(this.properties.binary(), CIPHER, this.digest);
		}
		catch (IllegalArgumentException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
		Path bench = this.fanout.dataDir().resolve("work/bench/openssl");
		// One directory per workload, so that payloads of an earlier, different workload are never mixed in.
		Path input = bench.resolve("in-" + this.count + "x" + bytes);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < this.count; i++) {
			names.add("payload-" + i);
			writePayload(input.resolve("payload-" + i), i, bytes);
		}
		BenchRun run = new BenchRun("openssl", out, judged).input("payloads", this.count)
			.input("payload bytes", bytes)
			.input("chain", "%s | tee | %s".formatted(String.join(" ", tool.encryptCommand(secret.variable())),
					String.join(" ", tool.digestCommand())))
			.input("password", configured ? "the job's (" + secret.variable() + " or the password file)"
					: "a random one for these runs: none is configured (" + secret.variable() + ")")
			.input("parallelism", this.parallelism)
			.input("repeat", this.repeat + " after 1 warm-up, shell and job alternating")
			.input("reference", "one bash script: each chain a pipeline of the job's argv, pipefail, run by as many "
					+ "lanes as the parallelism (background subshells, each running its share of the chains in turn)")
			.input("timing", "both whole runs (the job from launch to completion, bash from start to exit)");
		run.start();
		OutputCheck check = new OutputCheck(input, names, tool, secret);
		try (SetAsideOutputs setAside = new SetAsideOutputs(bench.resolve("set-aside"))) {
			chains(run, bench, input, names, tool, secret, check, setAside);
		}
		run.note(("outputs, every run of both: each ciphertext has its payload's encrypted size and decrypts (by the "
				+ "JDK) to its own payload, %s (ciphertexts are salted at random, so the two never have equal bytes)")
			.formatted(check.checksDigests() ? "each digest file is the digest of its ciphertext"
					: "digest files are not checked against their ciphertext (the JDK has no " + this.digest + ")"));
		return run.finish();
	}

	/**
	 * The shell and the job at each parallelism. Each run writes into a new directory (the shell's) or its instance's
	 * (the job's); after its check it is set aside, so neither contender's timed run follows a deletion of the other's
	 * files, and none of the runs' ciphertexts (a payload's size each) stays behind.
	 */
	private void chains(BenchRun run, Path bench, Path input, List<String> names, OpensslTool tool, Secret secret,
			OutputCheck check, SetAsideOutputs setAside) throws Exception {
		for (int p : this.parallelism) {
			Path shellOutput = bench.resolve("shell-out-" + p);
			Path script = bench.resolve("chains-" + p + ".sh");
			ShellChains.write(script, tool, secret, input, shellOutput, names, p);
			setAside.moveAside(shellOutput); // an interrupted bench's
			List<Sample> steps = new ArrayList<>();
			// The first call is the warm-up (Runs runs one before the measured ones): its step time is not kept.
			boolean[] measuring = { false };
			List<Measurement> pair = run.add(Runs.alternate(1, this.repeat, List.of(
					Runs.contender("bash pipelines, parallelism %d (whole run)".formatted(p), () -> {
						Files.createDirectories(shellOutput);
						Sample sample = Sample.time(() -> shell(script, shellOutput, secret));
						check.check(shellOutput, "the shell's");
						setAside.moveAside(shellOutput);
						return sample;
					}),
					Runs.contender("job, parallelism %d (whole run)".formatted(p), () -> {
						Sample.Timed<JobExecution> job = Sample.timed(() -> runJob(input, p));
						Path jobOutput = Path.of(JobOutputs.of(job.value()).get(0));
						check.check(jobOutput, "the job's");
						setAside.moveAsideOutputsOf(job.value());
						if (measuring[0]) {
							StepExecution step = job.value().getStepExecutions().iterator().next();
							Duration took = Duration.between(step.getStartTime(), step.getEndTime());
							steps.add(Sample.of(took.toNanos() / 1e9));
						}
						measuring[0] = true;
						return job.sample();
					}))));
			// Shown for where the job's time goes; compared with no whole run.
			run.add(new Measurement("job, parallelism %d (its step only)".formatted(p), steps));
			run.ratio("job (whole run) / bash, parallelism %d".formatted(p), pair.get(1).best() / pair.get(0).best(),
					JOB_VERSUS_SHELL);
		}
	}

	/** The same random bytes for the same index, as the job's own generated payloads; written once. */
	private static void writePayload(Path file, int index, long bytes) throws IOException {
		if (Files.exists(file) && Files.size(file) == bytes) {
			return;
		}
		SplittableRandom random = new SplittableRandom(index);
		AtomicFiles.writeBytes(file, (channel) -> {
			byte[] block = new byte[1 << 16];
			for (long left = bytes; left > 0; left -= block.length) {
				random.nextBytes(block);
				ByteBuffer buffer = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
		});
	}

	/**
	 * Runs the script into an existing, emptied directory: only the chains are timed. An interrupted wait ends bash
	 * and the chains it started (their openssl and tee processes), so that none outlives the bench.
	 */
	static void shell(Path script, Path output, Secret secret) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put(secret.variable(), secret.value());
		try (ChildProcess bash = ChildProcess.start(builder)) {
			if (!bash.await(SHELL_TIMEOUT)) {
				throw new IllegalStateException("the shell reference did not end within %s: run bash %s to see why"
					.formatted(SHELL_TIMEOUT, script));
			}
			if (bash.exitValue() != 0) {
				throw new IllegalStateException("the shell reference failed (exit " + bash.exitValue() + "): run bash "
						+ script + " to see why");
			}
		}
	}

	private JobExecution runJob(Path input, int parallelism) {
		return this.launcher.runNewInstance(JOB, List.of("source=" + this.fanout.dataDir().relativize(input),
				"parallelism=" + parallelism, "cipher=" + CIPHER, "digest=" + this.digest));
	}

}
