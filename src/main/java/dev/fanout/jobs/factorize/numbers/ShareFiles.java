package dev.fanout.jobs.factorize.numbers;

import java.nio.file.Path;

/**
 * The files through which partitions get their work and return their results, in the instance's work directory: a
 * worker in another JVM that shares the data directory reads and writes the same files. Both list one number per line
 * in ascending input position: input lines are {@code position,number}, result lines
 * {@code position,number,divisor_count,divisors}.
 */
public final class ShareFiles {

	private ShareFiles() {
	}

	public static Path input(Path workDirectory, int partition) {
		return workDirectory.resolve("share-" + partition + ".input.csv");
	}

	public static Path result(Path workDirectory, int partition) {
		return workDirectory.resolve("share-" + partition + ".result.csv");
	}

	public static String inputLine(int position, long number) {
		return position + "," + number;
	}

	public static NumberAt parseInput(String line) {
		int comma = line.indexOf(',');
		return new NumberAt(Integer.parseInt(line.substring(0, comma)), Long.parseLong(line.substring(comma + 1)));
	}

	public static String resultLine(Factorization factorization) {
		return factorization.position() + "," + factorization.csvLine();
	}

}
