package dev.fanout.jobs.factorize;

import java.util.List;

/** Lets tests in other packages compute the expected factorize CSV. */
public final class ExpectedCsvAccess {

	private ExpectedCsvAccess() {
	}

	public static String of(List<Long> numbers) {
		return ExpectedCsv.of(numbers);
	}

}
