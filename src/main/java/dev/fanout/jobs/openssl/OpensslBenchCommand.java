package dev.fanout.jobs.openssl;

import java.io.PrintWriter;
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
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.openssl.chain.InputSnapshot;
import dev.fanout.jobs.openssl.chain.OpensslInput;
import dev.fanout.jobs.openssl.chain.Secret;
import dev.fanout.jobs.openssl.chain.SecretSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "openssl", mixinStandardHelpOptions = true, description = {
		"Run the openssl job on generated payloads at each parallelism, and the same chains as a shell pipeline "
				+ "driven by xargs -P, in one run. Needs the password variable (FANOUT_OPENSSL_PASSWORD)." })
class OpensslBenchCommand implements JobBenchmark {

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
			description = "runs per configuration, alternating shell and job; the table shows the fastest (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	private final OpensslProperties properties;

	OpensslBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout, OpensslProperties properties) {
		this.launcher = launcher;
		this.fanout = fanout;
		this.properties = properties;
	}

	@Override
	public Integer call() throws Exception {
		if (this.count < 1 || this.repeat < 1 || this.parallelism.stream().anyMatch((p) -> p < 1)) {
			throw CommandFailure.usage("need --count >= 1, --repeat >= 1 and parallelism >= 1");
		}
		long bytes = ByteSize.parse("--size", this.size);
		Secret secret;
		try {
			secret = SecretSource.resolve(this.properties.passwordEnv(), this.properties.passwordFile(), System.getenv());
		}
		catch (IllegalArgumentException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
		Path bench = this.fanout.dataDir().resolve("work/bench/openssl");
		// One directory per workload, so that payloads of an earlier, different workload are never mixed in.
		Path input = bench.resolve("in-" + this.count + "x" + bytes);
		for (int i = 0; i < this.count; i++) {
			InputSnapshot.ensurePayload(new OpensslInput(i, "payload-" + i, input.resolve("payload-" + i), bytes));
		}
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("Workload: %d payloads of %d bytes, aes-256-cbc -pbkdf2 | tee | dgst -%s; %d processors; best of %d"
			.formatted(this.count, bytes, this.digest, Runtime.getRuntime().availableProcessors(), this.repeat));
		out.flush();
		List<String> rows = new ArrayList<>();
		for (int p : this.parallelism) {
			double shell = Double.MAX_VALUE;
			double stepSeconds = Double.MAX_VALUE;
			double jobSeconds = Double.MAX_VALUE;
			for (int run = 0; run < this.repeat; run++) {
				shell = Math.min(shell, shell(input, bench.resolve("shell-out"), p, secret));
				JobExecution job = runJob(input, p);
				StepExecution step = job.getStepExecutions().iterator().next();
				stepSeconds = Math.min(stepSeconds, Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9);
				jobSeconds = Math.min(jobSeconds, Duration.between(job.getStartTime(), job.getEndTime()).toNanos() / 1e9);
			}
			rows.add("%11d  %8.3f s  %8.3f s  %8.3f s  %10.2f".formatted(p, shell, stepSeconds, jobSeconds,
					stepSeconds / shell));
		}
		out.println("%11s  %10s  %10s  %10s  %10s".formatted("parallelism", "xargs -P", "step", "job", "step/shell"));
		rows.forEach(out::println);
		return ExitCodes.OK;
	}

	/** The same chains in bash: xargs -P runs them, the shell wires the pipes. */
	private double shell(Path input, Path output, int parallelism, Secret secret) throws Exception {
		Files.createDirectories(output);
		String chain = "%s enc -aes-256-cbc -pbkdf2 -pass env:%s < \"$1\" | tee \"%s/$(basename \"$1\").enc\" | %s dgst -%s -binary > \"%s/$(basename \"$1\").%s\""
			.formatted(this.properties.binary(), secret.variable(), output, this.properties.binary(), this.digest,
					output, this.digest);
		String script = "ls -d \"%s\"/* | xargs -P %d -I{} bash -c '%s' _ {}".formatted(input, parallelism,
				chain.replace("'", "'\\''"));
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put(secret.variable(), secret.value());
		long start = System.nanoTime();
		int exit = builder.start().waitFor();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (exit != 0) {
			throw new IllegalStateException("the shell benchmark exited " + exit);
		}
		return seconds;
	}

	private JobExecution runJob(Path input, int parallelism) {
		return this.launcher.runNewInstance(OpensslJobConfiguration.JOB, List.of(
				"source=" + this.fanout.dataDir().relativize(input), "parallelism=" + parallelism, "digest=" + this.digest));
	}

}
