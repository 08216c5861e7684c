package dev.fanout.jobs.openssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fanout.crash.KillScenario;
import dev.fanout.crash.OutputFiles;
import dev.fanout.jobs.openssl.chain.InputSnapshot;
import dev.fanout.jobs.openssl.chain.OpensslInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openssl killed among its process chains: 80 generated payloads of 1 MiB, 2 chains at a time, committing the set of
 * finished inputs every 50 ms. Work is inputs recorded as finished. With 512 KiB payloads and the default 200 ms, a
 * quick machine ran a chain in ~15 ms and could commit the last quarter of the inputs at once, the job completing
 * before the kill at 85% landed ("killed execution 3 at 80 of 80 units", the execution COMPLETED): the work left after
 * a kill point must outlast the test's seeing it and killing (the kills landed 1-11 units past their points).
 * {@code enc} salts randomly, so ciphertexts differ from run to run: the comparison uses what is deterministic (each
 * output file once, sizes, the manifest without digests and durations); each ciphertext must decrypt to its payload
 * and each digest file be the digest of its ciphertext.
 */
public class OpensslKillScenario extends KillScenario {

	private static final int COUNT = 80;

	private static final long SIZE = 1024 * 1024;

	private static final String PASSWORD = "kill-9-password";

	@Override
	public String job() {
		return OpensslJobConfiguration.JOB;
	}

	@Override
	public List<String> parameters() {
		return List.of("count=" + COUNT, "size=1MiB", "parallelism=2");
	}

	@Override
	public List<String> settings(Path data) {
		return List.of("--fanout.openssl.password-file=" + data.resolve("password.txt"),
				"--fanout.openssl.commit-interval=50ms");
	}

	@Override
	public void prepare(Path data) throws IOException {
		Files.writeString(data.resolve("password.txt"), PASSWORD + "\n");
	}

	@Override
	public long totalWork() {
		return COUNT;
	}

	@Override
	public long committedWork(Path data, long execution) throws SQLException {
		return stepSum(data, execution, "READ_COUNT", "opensslChains");
	}

	@Override
	public Map<String, String> output(Path data) throws Exception {
		Path out = data.resolve("out/openssl/instance-1");
		Map<String, String> output = new TreeMap<>();
		for (Map.Entry<String, String> file : OutputFiles.of(out).entrySet()) {
			String name = file.getKey();
			Path path = out.resolve(name);
			String value;
			if (name.endsWith(".enc") || name.endsWith(".sha256")) {
				value = Files.size(path) + " bytes";
			}
			else if (name.equals("manifest.csv")) {
				value = withoutRandomColumns(file.getValue());
			}
			else {
				value = file.getValue();
			}
			output.put(name, value);
		}
		return output;
	}

	/** Every ciphertext decrypts to its payload, and its digest file and manifest row hold its digest. */
	@Override
	public void checkOutput(Path data) throws Exception {
		Path out = data.resolve("out/openssl/instance-1");
		List<String> rows = Files.readAllLines(out.resolve("manifest.csv"));
		assertThat(rows).hasSize(COUNT + 1);
		for (int i = 1; i <= COUNT; i++) {
			String[] fields = rows.get(i).split(",", -1);
			OpensslInput payload = new OpensslInput(i - 1, fields[0], data.resolve("expected/" + fields[0]), SIZE);
			InputSnapshot.ensurePayload(payload);
			assertThat(OpensslTesting.decrypt(out.resolve(fields[0] + ".enc"), PASSWORD)).as(fields[0])
				.isEqualTo(Files.readAllBytes(payload.path()));
			byte[] digest = Files.readAllBytes(out.resolve(fields[0] + ".sha256"));
			assertThat(digest).as(fields[0]).isEqualTo(sha256(Files.readAllBytes(out.resolve(fields[0] + ".enc"))));
			assertThat(fields[4]).as(fields[0]).isEqualTo(HexFormat.of().formatHex(digest));
			assertThat(fields[7]).as(fields[0]).isEqualTo("OK");
		}
	}

	/** The manifest without digest_hex and duration_ms, which differ between runs. */
	private static String withoutRandomColumns(String manifest) {
		StringBuilder kept = new StringBuilder();
		for (String row : manifest.split("\n")) {
			String[] fields = row.split(",", -1);
			kept.append(String.join(",", fields[0], fields[1], fields[2], fields[3], fields[5], fields[7], fields[8]))
				.append('\n');
		}
		return kept.toString();
	}

	private static byte[] sha256(byte[] bytes) {
		return HexFormat.of().parseHex(OutputFiles.sha256(bytes));
	}

}
