package dev.fanout.jobs.openssl.chain;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.fanout.core.AtomicFiles;

/**
 * The manifest of a run: one CSV row per input, in input order. Each finished chain leaves its row in the work
 * directory; the manifest joins them at the end, so rows of chains finished before a restart are kept.
 */
public final class Manifest {

	public static final String HEADER = "input,input_bytes,cipher_bytes,digest,digest_hex,exit_codes,duration_ms,status,problem";

	private static final int STATUS_COLUMN = 7;

	private Manifest() {
	}

	/**
	 * Writes a finished chain's row, not forced to disk: {@link #force} forces the rows of a commit interval together,
	 * before the commit that counts their inputs done. A row that a crash cut short belongs to an input no commit
	 * counted done, whose chain a restart runs again, writing its row anew.
	 */
	public static void writeRow(Path rows, int index, ChainResult result, String digest) throws IOException {
		String row = String.join(",", csv(result.input()), Long.toString(result.inputBytes()),
				Long.toString(result.cipherBytes()), digest, result.digestHex(),
				result.exitCodes().stream().map(String::valueOf).collect(Collectors.joining(" ")),
				Long.toString(result.duration().toMillis()), result.status().name(), csv(result.problem()));
		if (!Files.isDirectory(rows)) {
			Files.createDirectories(rows);
		}
		Files.writeString(rows.resolve(index + ".csv"), row, StandardCharsets.UTF_8);
	}

	/** Forces to disk the rows {@link #writeRow} wrote for these inputs. */
	public static void force(Path rows, Collection<Integer> indexes) throws IOException {
		for (int index : indexes) {
			try (FileChannel row = FileChannel.open(rows.resolve(index + ".csv"), StandardOpenOption.WRITE)) {
				row.force(true);
			}
		}
	}

	/** Writes the manifest; returns how many chains ended how, rows of earlier executions included. */
	public static Map<ChainResult.Status, Integer> write(Path manifest, Path rows, List<OpensslInput> inputs)
			throws IOException {
		Map<ChainResult.Status, Integer> counts = new EnumMap<>(ChainResult.Status.class);
		AtomicFiles.write(manifest, (writer) -> {
			writer.write(HEADER);
			writer.newLine();
			for (OpensslInput input : inputs) {
				String row = Files.readString(rows.resolve(input.index() + ".csv"));
				counts.merge(status(row), 1, Integer::sum);
				writer.write(row);
				writer.newLine();
			}
		});
		return counts;
	}

	/** The status column of a row {@link #writeRow} wrote. */
	static ChainResult.Status status(String row) {
		return ChainResult.Status.valueOf(fields(row).get(STATUS_COLUMN));
	}

	/** A row's fields, unquoted ({@link #csv} quotes). */
	static List<String> fields(String row) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < row.length(); i++) {
			char c = row.charAt(i);
			if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
				field.append('"');
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	/** A CSV field: quoted when it holds a comma, quote or line break. */
	public static String csv(String value) {
		if (value.chars().noneMatch((c) -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
	}

}
