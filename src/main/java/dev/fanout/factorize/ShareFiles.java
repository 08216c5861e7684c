package dev.fanout.factorize;

import java.nio.file.Path;

/**
 * Where the workers leave their results for the fan-in: one file per partition in the instance's work directory, each
 * line {@code position,number,divisor_count,divisors} in ascending position order. A worker in another JVM that
 * shares the data directory writes the same files.
 */
final class ShareFiles {

	private ShareFiles() {
	}

	static Path of(Path workDirectory, int partition) {
		return workDirectory.resolve("share-" + partition + ".csv");
	}

	static String line(Factorization factorization) {
		return factorization.position() + "," + factorization.csvLine();
	}

}
