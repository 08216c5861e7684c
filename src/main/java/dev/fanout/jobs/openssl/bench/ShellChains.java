package dev.fanout.jobs.openssl.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.openssl.OpensslTool;
import dev.fanout.jobs.openssl.Secret;

/**
 * The reference: the job's chains as one bash script. Each chain is the pipeline
 * {@code enc < payload | tee payload.enc | dgst > payload.<digest>} with the job's argv, started in the background;
 * {@code wait -n} keeps {@code parallelism} of them running. Bash forks and execs exactly the three processes a chain
 * needs (no {@code bash -c}, no substitutions), {@code pipefail} makes a failing {@code enc} fail its chain, and the
 * password reaches {@code enc} alone through its environment, as in the job.
 */
final class ShellChains {

	private ShellChains() {
	}

	/** Writes the script for {@code names} (payload files of {@code input}) into {@code script}. */
	static void write(Path script, OpensslTool tool, Secret secret, Path input, Path output, List<String> names,
			int parallelism) throws IOException {
		String enc = words(tool.encryptCommand(secret.variable()));
		String dgst = words(tool.digestCommand());
		AtomicFiles.write(script, (writer) -> {
			writer.write("set -o pipefail\n");
			// The password stays in this shell's variables; only enc gets it, through its own environment.
			writer.write("declare +x %s\n".formatted(secret.variable()));
			writer.write("running=0\nfailed=0\n");
			for (String name : names) {
				writer.write("%s=\"$%s\" %s < %s | tee %s | %s > %s &\n".formatted(secret.variable(), secret.variable(),
						enc, quote(input.resolve(name).toString()), quote(output.resolve(name + ".enc").toString()), dgst,
						quote(output.resolve(name + "." + tool.digest()).toString())));
				writer.write("running=$((running + 1))\n");
				writer.write("if [ $running -ge %d ]; then wait -n || failed=1; running=$((running - 1)); fi\n"
					.formatted(parallelism));
			}
			writer.write("while [ $running -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done\n");
			writer.write("exit $failed\n");
		});
	}

	private static String words(List<String> argv) {
		return argv.stream().map(ShellChains::quote).collect(Collectors.joining(" "));
	}

	/** One shell word, whatever it holds: single quotes, each quote inside written as '\''. */
	static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
