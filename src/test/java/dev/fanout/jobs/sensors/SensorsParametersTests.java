package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.fanout.jobs.sensors.counting.CountResult;
import dev.fanout.jobs.sensors.counting.CounterMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SensorsParametersTests {

	@Test
	void absentParametersTakeTheBooksDefaults() {
		SensorsParameters parameters = new SensorsJobDescription().parse(new JobParameters());

		assertThat(parameters).isEqualTo(new SensorsParameters(5, 100_000, Duration.ZERO, CounterMode.PARTITIONED));
		assertThat(parameters.expected()).isEqualTo(500_000);
	}

	@Test
	void readsEveryParameter() {
		JobParameters given = new JobParametersBuilder().addString("sensors", "1024")
			.addString("readings", "1000000000")
			.addString("readLatency", "250ms")
			.addString("counter", " Adder ")
			.toJobParameters();

		SensorsParameters parameters = new SensorsJobDescription().parse(given);

		assertThat(parameters)
			.isEqualTo(new SensorsParameters(1024, 1_000_000_000L, Duration.ofMillis(250), CounterMode.ADDER));
		assertThat(parameters.expected()).isEqualTo(1_024_000_000_000L);
	}

	@ParameterizedTest
	@CsvSource({ "0, PT0S", "100ms, PT0.1S", "1s, PT1S", "10s, PT10S", "10000ms, PT10S" })
	void acceptsZeroMillisecondsAndSecondsAsReadLatency(String value, Duration expected) {
		assertThat(SensorsParameters.parse("1", "1", value, "locked").readLatency()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			sensors     | 0          | sensors=0 is not a whole number from 1 to 1024
			sensors     | 1025       | sensors=1025 is not a whole number from 1 to 1024
			sensors     | five       | sensors=five is not a whole number from 1 to 1024
			readings    | -1         | readings=-1 is not a whole number from 1 to 1000000000
			readings    | 1000000001 | readings=1000000001 is not a whole number from 1 to 1000000000
			readLatency | abc        | readLatency=abc is not a duration; write it like 500ms, 30s, 2m, 1h or 7d
			readLatency | 100        | readLatency=100 is not a duration
			readLatency | -5ms       | readLatency=-5ms is not a duration
			readLatency | 11s        | readLatency=11s is longer than 10s; give 0 to 10s, e.g. 100ms
			readLatency | 1m         | readLatency=1m is longer than 10s
			counter     | foo        | counter=foo is not one of locked, atomic, adder, partitioned, unsafe
			""")
	void rejectsBadValuesNamingTheParameterAndWhatItAccepts(String name, String value, String message) {
		JobParameters given = new JobParametersBuilder().addString(name, value).toJobParameters();

		assertThatIllegalArgumentException().isThrownBy(() -> new SensorsJobDescription().parse(given)).withMessageStartingWith(message);
	}

	@Test
	void resultDescribesTheCountAndItsLossesAsOneCsvLine() {
		CountResult exact = new CountResult(CounterMode.LOCKED, 5, 100_000, 500_000, 500_000, 0.4213);
		CountResult lossy = new CountResult(CounterMode.UNSAFE, 5, 100_000, 500_000, 415_471, 0.4);

		assertThat(exact.description()).isEqualTo("counter=locked expected 500000 found 500000 in 0.42 s");
		assertThat(lossy.description()).endsWith("found 415471 in 0.40 s: 84529 updates lost");
		assertThat(exact.csvLine()).isEqualTo("locked,5,100000,500000,500000,0,0.421");
		assertThat(CountResult.parse(lossy.csvLine())).isEqualTo(lossy);
	}

}
