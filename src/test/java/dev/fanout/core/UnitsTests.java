package dev.fanout.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTests {

	@ParameterizedTest
	@CsvSource({ "0, 0 B", "1000, 1000 B", "1023, 1023 B", "1024, 1 KiB", "1536, 1.5 KiB", "65536, 64 KiB",
			"1048575, 1024.0 KiB", "20971520, 20 MiB", "72000000, 68.7 MiB", "1073741824, 1 GiB",
			"2251799813685248, 2 PiB", "9223372036854775807, 8.0 EiB" })
	void bytesInTheLargestUnitWithADecimalOnlyWhenNotWhole(long bytes, String text) {
		assertThat(Units.bytes(bytes)).isEqualTo(text);
	}

}
