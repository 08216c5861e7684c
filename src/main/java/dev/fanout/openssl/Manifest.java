package dev.fanout.openssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.fanout.system.AtomicFiles;

/**
 * The manifest of a run: one CSV row per input, in input order. Each finished chain leaves its row in the work
 * directory; the manifest joins them at the end, so rows of chains finished before a restart are kept.
 */
final class Manifest {

	static final String HEADER = "input,input_bytes,cipher_bytes,digest,digest_hex,exit_codes,duration_ms,status,problem";

	private Manifest() {
	}

	static void writeRow(Path rows, int index, ChainResult result, String digest) throws IOException {
		String row = String.join(",", csv(result.input()), Long.toString(result.inputBytes()),
				Long.toString(result.cipherBytes()), digest, result.digestHex(),
				result.exitCodes().stream().map(String::valueOf).collect(Collectors.joining(" ")),
				Long.toString(result.duration().toMillis()), result.status().name(), csv(result.problem()));
		AtomicFiles.write(rows.resolve(index + ".csv"), (writer) -> writer.write(row));
	}

	static void write(Path manifest, Path rows, List<OpensslInput> inputs) throws IOException {
		AtomicFiles.write(manifest, (writer) -> {
			writer.write(HEADER);
			writer.newLine();
			for (OpensslInput input : inputs) {
				writer.write(Files.readString(rows.resolve(input.index() + ".csv")));
				writer.newLine();
			}
		});
	}

	/** A CSV field: quoted when it holds a comma, quote or line break. */
	static String csv(String value) {
		if (value.chars().noneMatch((c) -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
	}

}
