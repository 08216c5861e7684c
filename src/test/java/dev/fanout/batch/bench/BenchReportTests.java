package dev.fanout.batch.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

	private final StringWriter printed = new StringWriter();

	private final BenchReport report = new BenchReport("fanout bench all --size small", MACHINE,
			List.of(factorize(true, this.printed),
					BenchResult.failed("openssl", "fanout bench openssl --count 50", MACHINE,
							Map.of("arguments", "--count 50"), "needs a password")));

	@Test
	void theJsonHoldsTheMachineAndEachBenchsInputsMeasurementsAndVerdicts() throws Exception {
		JsonNode root = JsonMapper.builder().build().readTree(this.report.json());

		assertThat(root.get("format").asString()).isEqualTo("fanout-bench/2");
		assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
		assertThat(root.get("machine").get("jit").asString()).isEqualTo("C2 (tiered)");
		JsonNode factorize = root.get("benches").get(0);
		assertThat(factorize.get("bench").asString()).isEqualTo("factorize");
		assertThat(factorize.get("command").asString()).isEqualTo("fanout bench factorize --count 40");
		assertThat(factorize.get("completed").asBoolean()).isTrue();
		JsonNode measurement = factorize.get("measurements").get(0);
		assertThat(measurement.get("bestSeconds").asDouble()).isEqualTo(0.4);
		assertThat(measurement.get("medianSeconds").asDouble()).isEqualTo(0.5);
		assertThat(measurement.get("seconds")).hasSize(3);
		assertThat(measurement.get("cores").asDouble()).isEqualTo(1.0);
		JsonNode missed = factorize.get("ratios").get(0);
		assertThat(missed.get("value").asDouble()).isEqualTo(1.14);
		assertThat(missed.get("basis").asString()).isEqualTo("best");
		assertThat(missed.get("target").get("bound").asString()).isEqualTo("<=");
		assertThat(missed.get("target").get("limit").asDouble()).isEqualTo(1.10);
		assertThat(missed.get("verdict").asString()).isEqualTo("missed");
		assertThat(factorize.get("ratios").get(1).get("verdict").asString()).isEqualTo("met");
		assertThat(factorize.get("ratios").get(2).get("basis").asString()).isEqualTo("median");
		assertThat(factorize.get("ratios").get(3).get("target").isNull()).isTrue();
		assertThat(factorize.get("ratios").get(3).get("verdict").asString()).isEqualTo("no target");
		JsonNode openssl = root.get("benches").get(1);
		assertThat(openssl.get("completed").asBoolean()).isFalse();
		assertThat(openssl.get("problem").asString()).isEqualTo("needs a password");
	}

	@Test
	void theJsonGivesNumbersAndListsAsSuch() throws Exception {
		JsonNode inputs = JsonMapper.builder().build().readTree(this.report.json()).get("benches").get(0).get("inputs");

		assertThat(inputs.get("numbers").isNumber()).isTrue();
		assertThat(inputs.get("numbers").asInt()).isEqualTo(40);
		assertThat(inputs.get("threads").isArray()).isTrue();
		assertThat(inputs.get("threads").get(1).asInt()).isEqualTo(2);
		assertThat(inputs.get("algorithm").asString()).isEqualTo("naive");
	}

	@Test
	void theTextIsEachBenchsCommandThenWhatItPrintedInOrder() {
		String text = this.report.text();

		assertThat(text).contains("machine: 2 cores, JDK 25 (Test), JIT C2 (tiered), Linux amd64")
			.contains("== fanout bench factorize --count 40\n" + this.printed)
			.contains("== fanout bench openssl --count 50\n")
			.contains("not completed: needs a password")
			.contains("2 benches, 3 ratios with a target: 2 met, 1 missed; 1 not completed");
		// The note printed between the two measurements stays between them.
		assertThat(text.indexOf("plain loop, 1 thread")).isLessThan(text.indexOf("outputs: equal"));
		assertThat(text.indexOf("outputs: equal")).isLessThan(text.indexOf("job, 1 thread"));
	}

	@Test
	void aTinyRunsTargetsAreNotJudgedNorCounted() {
		StringWriter tinyPrinted = new StringWriter();
		BenchReport tiny = new BenchReport("fanout bench all --size tiny", MACHINE,
				List.of(factorize(false, tinyPrinted)));

		assertThat(tinyPrinted.toString()).contains("verdicts: not judged")
			.contains("job / plain loop, 1 thread: 1.14, best runs (target <= 1.10: not judged)");
		assertThat(tiny.summary())
			.isEqualTo("1 benches, 3 ratios with a target: 0 met, 0 missed, 3 not judged; 0 not completed");
	}

	@Test
	void writesTextAndJsonNamedByTheDate(@TempDir Path directory) throws Exception {
		List<Path> written = this.report.write(directory);

		assertThat(written).containsExactly(directory.resolve("bench-20261205-010203.txt"),
				directory.resolve("bench-20261205-010203.json"));
		assertThat(Files.readString(written.get(0))).isEqualTo(this.report.text());
		assertThat(Files.readString(written.get(1))).isEqualTo(this.report.json());
	}

	/** A factorize bench as a bench prints it: a note between its measurements. */
	private static BenchResult factorize(boolean judged, StringWriter printed) {
		BenchRun run = new BenchRun("factorize", new PrintWriter(printed, true), judged).input("numbers", 40)
			.input("threads", List.of(1, 2))
			.input("algorithm", "naive");
		run.start();
		run.add(new Measurement("plain loop, 1 thread (whole loop)",
				List.of(new Sample(0.5, 0.5), new Sample(0.4, 0.4), new Sample(0.6, 0.6))));
		run.note("outputs: equal");
		run.add(new Measurement("job, 1 thread (whole run)", List.of(Sample.of(0.5))));
		run.ratio("job / plain loop, 1 thread", 1.14, Target.atMost(1.10));
		run.ratio("job speedup, 2 over 1 thread", 1.90, Target.atLeast(1.85));
		run.ratio("fixed cost, ms", 25, Ratio.Basis.MEDIAN, Target.atMost(27.5));
		run.ratio("loop speedup", 1.95, Ratio.Basis.MEDIAN, null);
		return run.finish().ranAs("fanout bench factorize --count 40");
	}

}
