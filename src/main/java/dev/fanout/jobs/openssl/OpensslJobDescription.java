package dev.fanout.jobs.openssl;

import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;

/** The {@code openssl} job's parameters, as {@code jobs} lists them. */
class OpensslJobDescription implements JobDescription {

	private final int processors;

	OpensslJobDescription(int processors) {
		this.processors = processors;
	}

	@Override
	public String jobName() {
		return "openssl";
	}

	@Override
	public String summary() {
		return "Concurrent openssl encrypt -> hash process chains with timeouts (the book's item 52); password from "
				+ "FANOUT_OPENSSL_PASSWORD";
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("source", OpensslParameters.DEFAULT_SOURCE,
						"directory whose files are encrypted, relative to the data directory (unless count= is given)",
						"count"),
				new JobParameterDescription("count", null, "generate this many random payloads instead of source="),
				new JobParameterDescription("size", null, "size of each generated payload, e.g. 1MiB (with count=)"),
				new JobParameterDescription("cipher", "aes-256-cbc", "openssl enc cipher (always with -pbkdf2)"),
				new JobParameterDescription("digest", "sha256",
						"openssl dgst digest of the ciphertext; legacy ones like whirlpool work too"),
				new JobParameterDescription("parallelism", Integer.toString(this.processors),
						"chains running at once, 1-" + OpensslParameters.MAX_PARALLELISM),
				new JobParameterDescription("timeout", "60s", "per chain; a chain still running then is killed"),
				new JobParameterDescription("onTimeout", "fail", "fail the step, or skip the input and go on")
					.withChoices("fail", "skip"));
	}

}
