package dev.fanout.jobs.openssl.chain;

import java.nio.file.Path;

/**
 * One input of a run, in the order of the run's snapshot.
 *
 * @param generatedSize the size of a generated random payload, or -1 for a file of the source directory
 */
public record OpensslInput(int index, String name, Path path, long generatedSize) {

	boolean generated() {
		return this.generatedSize >= 0;
	}

}
