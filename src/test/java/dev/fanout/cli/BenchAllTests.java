package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fanout bench all --size tiny} runs every bench and writes both reports. No timing is asserted. The startup
 * bench times a packaged build's commands as new processes, which the suite does not build: here it is given a jar
 * that does not exist, and must be reported as not completed while the others complete.
 */
class BenchAllTests {

	@Test
	void runsEveryBenchAndWritesTheReportAsTextAndJson() throws Exception {
		Path data = TestDataDirectories.fresh("bench-all");
		Path reports = data.resolve("reports");
		Path noBuild = data.resolve("no-build/fanout.jar");
		CommandResult result;
		// No password configured: the openssl bench encrypts its payloads with a random one of its own.
		try (InProcessFanout fanout = new InProcessFanout(data,
				List.of("--fanout.openssl.password-env=FANOUT_BENCH_ALL_UNSET_PASSWORD"))) {
			result = fanout.run("bench", "all", "--size", "tiny", "--report", reports.toString(), "--jar",
					noBuild.toString());
		}

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
		List<String> jobBenches = List.of("factorize", "images", "life", "openssl", "sensors");
		Path text = only(reports, ".txt");
		assertThat(Files.readString(text)).contains("machine: ").contains("6 benches").contains("1 not completed");
		JsonNode root = JsonMapper.builder().build().readTree(Files.readString(only(reports, ".json")));
		assertThat(root.get("benches").valueStream().map((b) -> b.get("bench").asString()).toList())
			.containsExactlyElementsOf(Stream.concat(jobBenches.stream(), Stream.of("startup")).toList());
		for (JsonNode bench : root.get("benches")) {
			if (bench.get("bench").asString().equals("startup")) {
				assertThat(bench.get("completed").asBoolean()).isFalse();
				assertThat(bench.get("problem").asString()).isEqualTo(noBuild + " is not a file: build it with mvn -q "
						+ "-DskipTests package, or give --jar");
				continue;
			}
			assertThat(bench.get("completed").asBoolean()).as(bench.toString()).isTrue();
			assertThat(bench.get("measurements")).as(bench.get("bench").asString()).isNotEmpty();
			assertThat(bench.get("ratios")).as(bench.get("bench").asString()).isNotEmpty();
		}
		// Every run's outputs were checked, set aside and deleted as its bench ended: none is left behind.
		assertThat(data.resolve("work/bench/images/model-gallery")).doesNotExist();
		assertThat(data.resolve("work/bench/images/loop-out")).doesNotExist();
		assertThat(data.resolve("work/bench/images/job-out")).doesNotExist();
		assertThat(data.resolve("work/bench/images/set-aside")).doesNotExist();
		assertThat(data.resolve("work/bench/openssl/shell-out-1")).doesNotExist();
		assertThat(data.resolve("work/bench/openssl/set-aside")).doesNotExist();
		assertThat(entries(data.resolve("out/openssl"))).as("the job's ciphertexts").isEmpty();
		assertThat(entries(data.resolve("out/images"))).as("the job's reports").isEmpty();
		assertThat(result.out()).contains("Report: " + text)
			.contains("== fanout bench startup --jar " + noBuild + " --repeat 1")
			.contains("password: a random one for these runs: none is configured (FANOUT_BENCH_ALL_UNSET_PASSWORD)");
	}

	private static List<Path> entries(Path directory) throws Exception {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.toList();
		}
	}

	private static Path only(Path directory, String suffix) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> found = files.filter((f) -> f.toString().endsWith(suffix)).toList();
			assertThat(found).hasSize(1);
			return found.get(0);
		}
	}

}
