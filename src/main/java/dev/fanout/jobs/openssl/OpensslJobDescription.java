package dev.fanout.jobs.openssl;

import dev.fanout.jobs.openssl.chain.InputSnapshot;
import dev.fanout.jobs.openssl.chain.OpensslTool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;

/**
 * The {@code openssl} job's parameters, as {@code jobs} lists them, with their defaults, and their parse and checks.
 * Every launch needs the openssl binary with the cipher and digest, and the password; a first launch also lists the
 * source directory (or checks that generated payloads fit), which a restart does not: its inputs are saved.
 */
class OpensslJobDescription implements JobDescription<OpensslParameters> {

	private final int processors;

	private final OpensslProperties properties;

	private final OpensslPassword password;

	private final Path dataDir;

	OpensslJobDescription(int processors, OpensslProperties properties, OpensslPassword password, Path dataDir) {
		this.processors = processors;
		this.properties = properties;
		this.password = password;
		this.dataDir = dataDir;
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
						"directory whose files are encrypted (unless count= is given); a relative path is in the data "
								+ "directory (from the command line: the working directory first); stored absolute",
						"count").asInputFile(),
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

	@Override
	public OpensslParameters parse(ParameterValues values) {
		return OpensslParameters.parse(values, this.dataDir);
	}

	/**
	 * Refused before launch: an empty or missing source directory, a source file that is a broken link or one linking
	 * out of the data directory from a source inside it, payloads larger than the disk (first launch only); a missing
	 * openssl binary, an unknown cipher or digest, no password (any launch).
	 */
	@Override
	public OpensslParameters prepare(OpensslParameters parameters, LaunchKind kind) throws IOException {
		OpensslParameters prepared = parameters;
		if (kind == LaunchKind.FIRST && parameters.source() != null) {
			prepared = parameters.withListed(InputSnapshot.listSource(parameters.source(), this.dataDir));
		}
		else if (kind == LaunchKind.FIRST) {
			InputSnapshot.requireSpace(parameters.count(), parameters.size(), this.dataDir);
		}
		prepared = prepared.withTool(OpensslTool.probe(this.properties.binary(), parameters.cipher(), parameters.digest()));
		this.password.resolve();
		return prepared;
	}

}
