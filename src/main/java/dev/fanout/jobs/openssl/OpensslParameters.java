package dev.fanout.jobs.openssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.DataPaths;
import dev.fanout.core.DurationText;
import dev.fanout.core.WholeNumbers;

/**
 * The typed parameters of one {@code openssl} run.
 *
 * @param source the directory of input files, or {@code null} for generated payloads
 * @param count how many random payloads to generate (when {@code source} is null)
 * @param size the size of each generated payload in bytes
 */
record OpensslParameters(@Nullable Path source, int count, long size, String cipher, String digest, int parallelism,
		Duration timeout, boolean skipTimeouts) {

	static final String DEFAULT_SOURCE = "openssl/in";

	static final int MAX_COUNT = 1_000_000;

	static final int MAX_PARALLELISM = 256;

	static OpensslParameters from(JobParameters parameters, Path dataDir) {
		String count = parameters.getString("count");
		String size = parameters.getString("size");
		String source = parameters.getString("source");
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
			payloads = number("count", count, 1, MAX_COUNT);
			bytes = ByteSize.parse("size", size);
		}
		else {
			directory = DataPaths.resolveInside(dataDir, "source", (source != null) ? source : DEFAULT_SOURCE);
		}
		String onTimeout = parameters.getString("onTimeout", "fail").toLowerCase(Locale.ROOT);
		if (!onTimeout.equals("fail") && !onTimeout.equals("skip")) {
			throw new IllegalArgumentException("onTimeout=%s is not fail or skip".formatted(onTimeout));
		}
		Duration timeout = DurationText.parse("timeout", parameters.getString("timeout", "60s"));
		if (timeout.isZero()) {
			throw new IllegalArgumentException("timeout=0: give a positive time, like 30s");
		}
		return new OpensslParameters(directory, payloads, bytes, parameters.getString("cipher", "aes-256-cbc"),
				parameters.getString("digest", "sha256"),
				number("parallelism", parameters.getString("parallelism",
						Integer.toString(Runtime.getRuntime().availableProcessors())), 1, MAX_PARALLELISM),
				timeout, onTimeout.equals("skip"));
	}

	private static int number(String name, String value, int min, int max) {
		return WholeNumbers.parse(name, value, min, max);
	}

}
