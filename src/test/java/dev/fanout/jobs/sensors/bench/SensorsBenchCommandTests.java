package dev.fanout.jobs.sensors.bench;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.sensors.counting.CountResult;
import dev.fanout.jobs.sensors.counting.CounterMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Every run's count is checked against the workload, each run on its own (not only the lowest of a mode's runs). */
class SensorsBenchCommandTests {

	@Test
	void anExactModeMustFindEveryUpdateOfTheWorkload() {
		CountResult exact = new CountResult(CounterMode.LOCKED, 2, 100, 200, 200, 0.1);
		assertThat(SensorsBenchCommand.checked(exact, 2, 100)).isSameAs(exact);

		assertThatIllegalStateException()
			.isThrownBy(() -> SensorsBenchCommand.checked(new CountResult(CounterMode.LOCKED, 2, 100, 200, 201, 0.1), 2,
					100))
			.withMessage("counter=locked counted 201 of 200 updates: it must count exactly");
		assertThatIllegalStateException()
			.isThrownBy(() -> SensorsBenchCommand.checked(new CountResult(CounterMode.ATOMIC, 2, 100, 200, 199, 0.1), 2,
					100))
			.withMessageContaining("counted 199 of 200");
	}

	@Test
	void theExpectedCountIsTheWorkloadsNotTheJobsOwn() {
		// A job that expected (and found) what it counted, one sensor short, would pass a check of found == expected.
		assertThatIllegalStateException()
			.isThrownBy(() -> SensorsBenchCommand.checked(new CountResult(CounterMode.ADDER, 1, 100, 100, 100, 0.1), 2,
					100))
			.withMessage("counter=adder expected 100 updates, not the workload's 2 x 100 = 200");
	}

	@Test
	void anUnsafeModeMayLoseUpdatesButNeverFindMore() {
		CountResult lossy = new CountResult(CounterMode.UNSAFE, 2, 100, 200, 150, 0.1);
		assertThat(SensorsBenchCommand.checked(lossy, 2, 100)).isSameAs(lossy);
		assertThatIllegalStateException()
			.isThrownBy(() -> SensorsBenchCommand.checked(new CountResult(CounterMode.UNSAFE, 2, 100, 200, 201, 0.1), 2,
					100))
			.withMessageContaining("more than made");
	}

}
