package dev.fanout.batch.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MeasurementTests {

	@Test
	void bestIsTheFastestRunAndMedianTheMiddleOne() {
		Measurement odd = new Measurement("x", List.of(new Sample(0.3, 0.3), new Sample(0.1, 0.1), new Sample(0.2, 0.4)));
		Measurement even = new Measurement("y", List.of(Sample.of(0.4), Sample.of(0.1), Sample.of(0.2), Sample.of(0.3)));

		assertThat(odd.best()).isEqualTo(0.1);
		assertThat(odd.median()).isEqualTo(0.2);
		assertThat(even.median()).isEqualTo(0.25);
	}

	@Test
	void coresAreCpuOverWallAndUnknownForRunsTooShortOrWithoutCpuTime() {
		assertThat(new Measurement("x", List.of(new Sample(1.0, 1.9), new Sample(2.0, 3.8), new Sample(1.0, 1.0))).cores())
			.isEqualTo(1.9);
		assertThat(new Measurement("x", List.of(new Sample(0.01, 0.02))).cores()).isNaN();
		assertThat(new Measurement("x", List.of(Sample.of(1.0))).cores()).isNaN();
	}

	@Test
	void theCpuTimeOfEndedChildrenIsReadFromTheProcessRecord() {
		// /proc/PID/stat of a process named "a b) c": utime 7, stime 3, cutime 250, cstime 50 (ticks of 1/100 s).
		String stat = "12848 (a b) c) S 1 12848 5832 0 -1 4194304 99 0 0 0 7 3 250 50 20 0 1 0 324137 3133440 380";

		assertThat(Sample.childrenCpuSeconds(stat)).isEqualTo(3.0);
	}

	@Test
	void theCpuTimeOfAnEndedChildIsCounted() throws Exception {
		double before = Sample.endedChildrenCpuSeconds();

		// A shell that keeps a core busy until it has counted to 200000, a few tenths of a second.
		new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done").start().waitFor();

		assertThat(Sample.endedChildrenCpuSeconds() - before).as("the shell's CPU time, once it has ended")
			.isPositive();
	}

	@Test
	void aMeasurementNeedsARun() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Measurement("x", List.of()));
	}

	@Test
	void runsWarmUpThenAlternateTheContenders() throws Exception {
		List<String> order = new ArrayList<>();
		List<Measurement> measurements = Runs.alternate(1, 2, List.of(Runs.contender("a", () -> {
			order.add("a");
			return Sample.of(1);
		}), Runs.contender("b", () -> {
			order.add("b");
			return Sample.of(2);
		})));

		// The warm-up in the order given, then each measured round starting one contender further.
		assertThat(order).containsExactly("a", "b", "a", "b", "b", "a");
		assertThat(measurements).extracting(Measurement::label).containsExactly("a", "b");
		assertThat(measurements).allSatisfy((m) -> assertThat(m.samples()).hasSize(2));
	}

	@Test
	void eachRoundStartsWithTheNextContender() throws Exception {
		List<String> order = new ArrayList<>();
		List<Runs.Contender> contenders = List.of("a", "b", "c")
			.stream()
			.map((name) -> Runs.contender(name, () -> {
				order.add(name);
				return Sample.of(1);
			}))
			.toList();

		Runs.alternate(0, 4, contenders);

		assertThat(String.join("", order)).isEqualTo("abc" + "bca" + "cab" + "abc");
	}

	@Test
	void theJitModeFollowsTheJvmOptions() {
		assertThat(Machine.jit(List.of("-Xmx1g"))).isEqualTo("C2 (tiered)");
		assertThat(Machine.jit(List.of("-XX:TieredStopAtLevel=1"))).isEqualTo("C1 only");
		assertThat(Machine.jit(List.of("-Xint"))).isEqualTo("interpreter only");
		assertThat(Machine.jit(List.of("-XX:-TieredCompilation"))).isEqualTo("C2 (not tiered)");
	}

}
