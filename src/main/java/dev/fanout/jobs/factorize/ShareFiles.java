package dev.fanout.jobs.factorize;

import java.nio.file.Path;

/**
 * The files through which partitions get their work and return their results, in the instance's work directory: a
 * worker in another JVM that shares the data directory reads and writes the same files. Both list one number per line
 * in ascending input position: input lines are {@code position,number}, result lines
 * {@code position,number,divisor_count,divisors}.
 */
final class ShareFiles {

	private ShareFiles() {
	}

	static Path input(Path workDirectory, int partition) {
		return workDirectory.resolve("share-" + partition + ".input.csv");
	}

	static Path result(Path workDirectory, int partition) {
		return workDirectory.resolve("share-" + partition + ".result.csv");
	}

	static String inputLine(int position, long number) {
		return position + "," + number;
	}

	static NumberAt parseInput(String line) {
		int comma = line.indexOf(',');
		return new NumberAt(Integer.parseInt(line.substring(0, comma)), Long.parseLong(line.substring(comma + 1)));
	}

	static String resultLine(Factorization factorization) {
		return factorization.position() + "," + factorization.csvLine();
	}

}
