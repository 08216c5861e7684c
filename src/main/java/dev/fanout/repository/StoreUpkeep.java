package dev.fanout.repository;

/**
 * What a repository server's tick does to its store: force the file to disk once new versions were stored since it
 * last did, and compact, every so many ticks, only after new writes, so that an idle server (a test suite keeps
 * dozens, held open by cached test contexts) does no disk work at all.
 * <p>
 * Not thread-safe: used by the server's watch loop only.
 */
final class StoreUpkeep {

	private final int compactEveryTicks;

	private long synced;

	private long compacted;

	/** @param version the store's version when the server starts watching (written and forced as it opened) */
	StoreUpkeep(long version, int compactEveryTicks) {
		this.synced = version;
		this.compacted = version;
		this.compactEveryTicks = compactEveryTicks;
	}

	/** Whether to compact at this tick, the store being at {@code version}. */
	boolean compactDue(long tick, long version) {
		return tick % this.compactEveryTicks == 0 && version != this.compacted;
	}

	/** Records the version a compaction left. */
	void compacted(long version) {
		this.compacted = version;
	}

	/** Whether to force the file, the store being at {@code version}; true once per new version. */
	boolean syncDue(long version) {
		if (version == this.synced) {
			return false;
		}
		this.synced = version;
		return true;
	}

}
