package dev.fanout.batch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTests {

	private static final Machine MACHINE = new Machine(2, "25 (Test)", "C2 (tiered)", "Linux amd64",
			"2026-12-05T01:02:03Z");

	private final BenchReport report = new BenchReport("fanout bench all --size small", MACHINE, List.of(
			new BenchResult("factorize", MACHINE, inputs(), List.of(new Measurement("plain loop, 1 thread (whole loop)",
					List.of(new Sample(0.5, 0.5), new Sample(0.4, 0.4), new Sample(0.6, 0.6)))),
					List.of(new Ratio("job / plain loop, 1 thread", 1.14, Target.atMost(1.10)),
							new Ratio("job speedup, 2 over 1 thread", 1.90, Target.atLeast(1.85)),
							new Ratio("loop speedup", 1.95, null)),
					List.of("outputs: equal"), ""),
			BenchResult.failed("openssl", MACHINE, Map.of("arguments", "--count 50"), "needs a password")));

	@Test
	void theJsonHoldsTheMachineAndEachBenchsInputsMeasurementsAndVerdicts() throws Exception {
		JsonNode root = JsonMapper.builder().build().readTree(this.report.json());

		assertThat(root.get("format").asString()).isEqualTo("fanout-bench/1");
		assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
		assertThat(root.get("machine").get("jit").asString()).isEqualTo("C2 (tiered)");
		JsonNode factorize = root.get("benches").get(0);
		assertThat(factorize.get("bench").asString()).isEqualTo("factorize");
		assertThat(factorize.get("completed").asBoolean()).isTrue();
		assertThat(factorize.get("inputs").get("numbers").asString()).isEqualTo("40");
		JsonNode measurement = factorize.get("measurements").get(0);
		assertThat(measurement.get("bestSeconds").asDouble()).isEqualTo(0.4);
		assertThat(measurement.get("medianSeconds").asDouble()).isEqualTo(0.5);
		assertThat(measurement.get("seconds")).hasSize(3);
		assertThat(measurement.get("cores").asDouble()).isEqualTo(1.0);
		JsonNode missed = factorize.get("ratios").get(0);
		assertThat(missed.get("value").asDouble()).isEqualTo(1.14);
		assertThat(missed.get("target").get("bound").asString()).isEqualTo("<=");
		assertThat(missed.get("target").get("limit").asDouble()).isEqualTo(1.10);
		assertThat(missed.get("verdict").asString()).isEqualTo("missed");
		assertThat(missed.get("basis").asString()).isEqualTo("best");
		assertThat(factorize.get("ratios").get(1).get("verdict").asString()).isEqualTo("met");
		assertThat(factorize.get("ratios").get(2).get("target").isNull()).isTrue();
		JsonNode openssl = root.get("benches").get(1);
		assertThat(openssl.get("completed").asBoolean()).isFalse();
		assertThat(openssl.get("problem").asString()).isEqualTo("needs a password");
	}

	@Test
	void theTextSaysWhatWasMissedAndSumsUp() {
		assertThat(this.report.text()).contains("machine: 2 cores, JDK 25 (Test), JIT C2 (tiered), Linux amd64")
			.contains("  numbers: 40")
			.contains("job / plain loop, 1 thread: 1.14, best runs (target <= 1.10: missed)")
			.contains("job speedup, 2 over 1 thread: 1.90, best runs (target >= 1.85: met)")
			.contains("not completed: needs a password")
			.contains("2 benches, 2 ratios with a target: 1 met, 1 missed; 1 not completed");
	}

	@Test
	void writesTextAndJsonNamedByTheDate(@TempDir Path directory) throws Exception {
		List<Path> written = this.report.write(directory);

		assertThat(written).containsExactly(directory.resolve("bench-20261205-010203.txt"),
				directory.resolve("bench-20261205-010203.json"));
		assertThat(Files.readString(written.get(0))).isEqualTo(this.report.text());
		assertThat(Files.readString(written.get(1))).isEqualTo(this.report.json());
	}

	private static Map<String, String> inputs() {
		Map<String, String> inputs = new LinkedHashMap<>();
		inputs.put("numbers", "40");
		inputs.put("threads", "[1, 2]");
		return inputs;
	}

}
