package dev.fanout.recovery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.PostgresRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replacement of a stale claim, on the real PostgreSQL server of this machine (a throwaway schema): the claim of
 * a process on another host whose heartbeat had stopped is read, judged stale, and deleted; its holder's heartbeat
 * may come back in between (a process paused, then resumed), and then its claim must stay.
 */
class StaleClaimTests {

	private final PostgresRepository postgres;

	private final ExecutionOwners owners;

	StaleClaimTests() throws Exception {
		this.postgres = new PostgresRepository("fanout_stale_", 1);
		this.owners = new ExecutionOwners(this.postgres.dataSource, new MockEnvironment());
	}

	@AfterEach
	void dropSchema() throws Exception {
		this.postgres.close();
	}

	@Test
	void aClaimWhoseHeartbeatCameBackAfterItWasReadAsStaleIsNotDeleted() {
		insertClaimOfAnotherHost(" - interval '10 minutes'");
		OwnerRecord readAsStale = this.owners.byKey("factorize", "key").orElseThrow();
		// Its holder's heartbeat thread runs again, as ExecutionOwners.touch refreshes it.
		this.postgres.jdbc.update("update FANOUT_EXECUTION_OWNER set HEARTBEAT = CURRENT_TIMESTAMP");

		this.owners.deleteStale(readAsStale);

		assertThat(this.owners.byKey("factorize", "key")).as("the live holder's claim").isPresent();
	}

	@Test
	void aClaimStillAsItWasReadIsDeleted() {
		insertClaimOfAnotherHost(" - interval '10 minutes'");
		OwnerRecord stale = this.owners.byKey("factorize", "key").orElseThrow();

		this.owners.deleteStale(stale);

		assertThat(this.owners.byKey("factorize", "key")).isEmpty();
	}

	private void insertClaimOfAnotherHost(String heartbeatAge) {
		this.postgres.jdbc.update("insert into FANOUT_EXECUTION_OWNER (JOB_NAME, JOB_KEY, JOB_EXECUTION_ID, HOST, NODE, "
				+ "PID, PROCESS_START, CLAIMED, HEARTBEAT) values ('factorize', 'key', null, 'elsewhere', 'node', 4242, "
				+ "null, CURRENT_TIMESTAMP - interval '11 minutes', CURRENT_TIMESTAMP" + heartbeatAge + ")");
	}

}
