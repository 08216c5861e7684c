package dev.fanout.jobs.openssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.ParameterValues;
import dev.fanout.core.DataPaths;
import dev.fanout.jobs.openssl.chain.OpensslInput;
import dev.fanout.jobs.openssl.chain.OpensslTool;

/**
 * The typed parameters of one {@code openssl} run, parsed once per launch ({@link OpensslJobDescription}).
 *
 * @param source the directory of input files, or {@code null} for generated payloads
 * @param count how many random payloads to generate (when {@code source} is null)
 * @param size the size of each generated payload in bytes
 * @param listed the source's files as a first launch listed them, for the tasklet to save as the run's inputs;
 * {@code null} when not listed (generated payloads, a restart, which reads its saved inputs)
 * @param tool the binary as the launch probed it, for the tasklet to use as is; {@code null} when the execution did
 * not come through the launch path (a step of the chapter, a test), and the tasklet probes it
 */
record OpensslParameters(@Nullable Path source, int count, long size, String cipher, String digest, int parallelism,
		Duration timeout, boolean skipTimeouts, @Nullable List<OpensslInput> listed, @Nullable OpensslTool tool) {

	OpensslParameters {
		listed = (listed != null) ? List.copyOf(listed) : null;
	}

	static final String DEFAULT_SOURCE = "openssl/in";

	static final int MAX_COUNT = 1_000_000;

	static final int MAX_PARALLELISM = 256;

	/** Parses and checks the values, defaults applied ({@link OpensslJobDescription} declares them). */
	static OpensslParameters parse(ParameterValues values, Path dataDir) {
		String count = values.get("count");
		String size = values.get("size");
		String source = values.get("source");
		if ((count == null) != (size == null)) {
			throw new IllegalArgumentException("give count= and size= together, e.g. count=100 size=1MiB");
		}
		if (count != null && source != null) {
			throw new IllegalArgumentException("give either source=DIR or count= and size=, not both");
		}
		Path directory = null;
		int payloads = 0;
		long bytes = 0;
		if (count != null) {
			payloads = values.whole("count", 1, MAX_COUNT);
			bytes = ByteSize.parse("size", size);
		}
		else {
			directory = DataPaths.resolveInput(dataDir, values.required("source"));
		}
		String onTimeout = values.required("onTimeout").toLowerCase(Locale.ROOT);
		if (!onTimeout.equals("fail") && !onTimeout.equals("skip")) {
			throw new IllegalArgumentException("onTimeout=%s is not fail or skip".formatted(onTimeout));
		}
		Duration timeout = values.duration("timeout");
		if (timeout.isZero()) {
			throw new IllegalArgumentException("timeout=0: give a positive time, like 30s");
		}
		return new OpensslParameters(directory, payloads, bytes, values.required("cipher"), values.required("digest"),
				values.whole("parallelism", 1, MAX_PARALLELISM), timeout, onTimeout.equals("skip"), null, null);
	}

	/** These parameters with the source's files: what a first launch lists (and checks), handed to the tasklet. */
	OpensslParameters withListed(List<OpensslInput> inputs) {
		return new OpensslParameters(this.source, this.count, this.size, this.cipher, this.digest, this.parallelism,
				this.timeout, this.skipTimeouts, inputs, this.tool);
	}

	/**
	 * These parameters with the binary as the launch probed it. Each probe starts four openssl processes, a few
	 * milliseconds each: the tasklet of the same launch, milliseconds later, takes this one's answer.
	 */
	OpensslParameters withTool(OpensslTool probed) {
		return new OpensslParameters(this.source, this.count, this.size, this.cipher, this.digest, this.parallelism,
				this.timeout, this.skipTimeouts, this.listed, probed);
	}

	/** The binary as the launch probed it, else probed now. */
	OpensslTool tool(String binary) {
		return (this.tool != null) ? this.tool : OpensslTool.probe(binary, this.cipher, this.digest);
	}

}
