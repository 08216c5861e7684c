package dev.fanout.jobs.factorize.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Ratio;
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

}
