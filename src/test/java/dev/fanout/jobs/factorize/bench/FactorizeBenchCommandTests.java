package dev.fanout.jobs.factorize.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Ratio;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FactorizeBenchCommandTests {

	@Test
	void theFixedCostIsJudgedOnTheMedianRunsAndItsBestOnlyShown() {
		// One lucky run of the job (19 ms over the loop) among typical ones (39 ms over it).
		Measurement loop = new Measurement("loop", List.of(Sample.of(0.001), Sample.of(0.001), Sample.of(0.001)));
		Measurement job = new Measurement("job", List.of(Sample.of(0.040), Sample.of(0.020), Sample.of(0.045)));
		BenchRun run = new BenchRun("factorize", new PrintWriter(new StringWriter()));

		FactorizeBenchCommand.fixedCostRatios(run, List.of(loop, job));

		BenchResult result = run.finish();
		Ratio judged = result.ratios().get(0);
		Ratio shown = result.ratios().get(1);
		assertThat(judged.basis()).isEqualTo(Ratio.Basis.MEDIAN);
		assertThat(judged.value()).isCloseTo(39, within(1e-9));
		assertThat(judged.verdict()).isEqualTo("missed");
		assertThat(shown.basis()).isEqualTo(Ratio.Basis.BEST);
		assertThat(shown.value()).isCloseTo(19, within(1e-9));
		assertThat(shown.target()).isNull();
	}

	@Test
	void everyThreadCountsLoopAndJobAlternateInTheSameRounds() throws Exception {
		List<String> order = new ArrayList<>();

		List<Measurement[]> rows = FactorizeBenchCommand.loopsAndJobs(List.of(1, 2), 2, (t) -> List.of(
				Runs.contender("loop " + t, () -> {
					order.add("L" + t);
					return Sample.of(t);
				}), Runs.contender("job " + t, () -> {
					order.add("J" + t);
					return Sample.of(t);
				})));

		// The job's 2-thread runs fall between its 1-thread runs: its speedup compares runs as close in time as
		// its ratio to the loop does (they were measured a thread count after the other).
		assertThat(String.join(" ", order)).isEqualTo("L1 J1 L2 J2" + " L1 J1 L2 J2" + " J1 L2 J2 L1");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).extracting(Measurement::label).containsExactly("loop 1", "job 1");
		assertThat(rows.get(1)).extracting(Measurement::label).containsExactly("loop 2", "job 2");
	}

	@Test
	void theRemotePartitionCostIsJudgedOnTheMedianRunsAndItsBestOnlyShown() {
		// 15 partitions more: 0.75 s more on a typical run (50 ms each), 0.3 s on the luckiest (20 ms each).
		Measurement one = new Measurement("one", List.of(Sample.of(0.5), Sample.of(0.5), Sample.of(0.5)));
		Measurement many = new Measurement("many", List.of(Sample.of(1.25), Sample.of(0.8), Sample.of(1.3)));
		BenchRun run = new BenchRun("factorize on remote workers", new PrintWriter(new StringWriter()));

		FactorizeBenchCommand.partitionCostRatios(run, List.of(one, many));

		List<Ratio> ratios = run.finish().ratios();
		assertThat(ratios.get(0).basis()).isEqualTo(Ratio.Basis.MEDIAN);
		assertThat(ratios.get(0).value()).isCloseTo(50, within(1e-9));
		assertThat(ratios.get(0).verdict()).isEqualTo("met");
		assertThat(ratios.get(1).basis()).isEqualTo(Ratio.Basis.BEST);
		assertThat(ratios.get(1).value()).isCloseTo(20, within(1e-9));
		assertThat(ratios.get(1).target()).isNull();
	}

}
