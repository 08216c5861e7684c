package dev.fanout.batch;

/**
 * Tells worker partitions from other steps by name: Spring Batch names a partition's step execution
 * {@code workerStep:partitionName} (its splitter's separator is private), and no plain step of Fanout has a colon.
 */
public final class PartitionSteps {

	private PartitionSteps() {
	}

	public static boolean isPartition(String stepName) {
		return stepName.contains(":");
	}

}
