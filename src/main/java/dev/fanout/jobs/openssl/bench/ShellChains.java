package dev.fanout.jobs.openssl.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;

/**
 * The reference: the job's chains as one bash script. Each chain is the pipeline
 * {@code enc < payload | tee payload.enc | dgst > payload.<digest>} with the job's argv; {@code parallelism} lanes,
 * each a background subshell, run their share of the chains one after another (chain {@code i} in lane
 * {@code i % parallelism}: the payloads are of one size, so the shares are equal). Bash forks and execs exactly the
 * three processes a chain needs (no {@code bash -c}, no substitutions; one fork per lane), {@code pipefail} makes a
 * failing {@code enc} fail its chain, which fails its lane and the script, and the password reaches {@code enc} alone
 * through its environment, as in the job.
 * <p>
 * Until 2026-12-07 the chains were started in the background and {@code wait -n} kept {@code parallelism} running.
 * Bash 5.2's {@code wait -n} now and then answers 127 (no child) for a job that has just ended, its status lost:
 * about one wait in 400 here, so a script of 100 chains failed about one run in four. A lane's status is its one
 * process's, which {@code wait} keeps.
 */
final class ShellChains {

	private ShellChains() {
	}

	/** Writes the script for {@code names} (payload files of {@code input}) into {@code script}. */
	static void write(Path script, OpensslTool tool, Secret secret, Path input, Path output, List<String> names,
			int parallelism) throws IOException {
		String enc = words(tool.encryptCommand(secret.variable()));
		String dgst = words(tool.digestCommand());
		int lanes = Math.max(1, Math.min(parallelism, names.size()));
		AtomicFiles.write(script, (writer) -> {
			writer.write("set -o pipefail\n");
			// The password stays in this shell's variables; only enc gets it, through its own environment.
			writer.write("declare +x %s\n".formatted(secret.variable()));
			for (int lane = 0; lane < lanes; lane++) {
				writer.write("(\nfailed=0\n");
				for (int i = lane; i < names.size(); i += lanes) {
					String name = names.get(i);
					writer.write("%s=\"$%s\" %s < %s | tee %s | %s > %s || failed=1\n".formatted(secret.variable(),
							secret.variable(), enc, quote(input.resolve(name).toString()),
							quote(output.resolve(name + ".enc").toString()), dgst,
							quote(output.resolve(name + "." + tool.digest()).toString())));
				}
				writer.write("exit $failed\n) &\nlane%d=$!\n".formatted(lane));
			}
			writer.write("failed=0\n");
			for (int lane = 0; lane < lanes; lane++) {
				writer.write("wait $lane%d || failed=1\n".formatted(lane));
			}
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
