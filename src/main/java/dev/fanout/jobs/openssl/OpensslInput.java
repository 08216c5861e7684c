package dev.fanout.jobs.openssl;

import java.nio.file.Path;

/**
 * One input of a run, in the order of the run's snapshot.
 *
 * @param generatedSize the size of a generated random payload, or -1 for a file of the source directory
 */
record OpensslInput(int index, String name, Path path, long generatedSize) {

	boolean generated() {
		return this.generatedSize >= 0;
	}

}
