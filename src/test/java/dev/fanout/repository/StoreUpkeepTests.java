package dev.fanout.repository;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An idle repository server neither forces its file nor compacts it; after writes, it does both, once. */
class StoreUpkeepTests {

	@Test
	void anIdleStoreIsNeitherForcedNorCompacted() {
		StoreUpkeep upkeep = new StoreUpkeep(7, 10);
		for (long tick = 1; tick <= 30; tick++) {
			assertThat(upkeep.compactDue(tick, 7)).isFalse();
			assertThat(upkeep.syncDue(7)).isFalse();
		}
	}

	@Test
	void newVersionsAreForcedOnceEach() {
		StoreUpkeep upkeep = new StoreUpkeep(7, 10);
		assertThat(upkeep.syncDue(9)).isTrue();
		assertThat(upkeep.syncDue(9)).isFalse();
		assertThat(upkeep.syncDue(10)).isTrue();
	}

	@Test
	void writesAreCompactedAtTheNextHousekeepingTickAndNotAgainUntilMoreWrites() {
		StoreUpkeep upkeep = new StoreUpkeep(7, 10);
		assertThat(upkeep.compactDue(9, 8)).isFalse();
		assertThat(upkeep.compactDue(10, 8)).isTrue();
		upkeep.compacted(9); // compacting stored a version of its own
		assertThat(upkeep.compactDue(20, 9)).isFalse();
		assertThat(upkeep.compactDue(30, 12)).isTrue();
	}

}
