package dev.fanout.remote;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of live workers, on this machine's PostgreSQL. */
class WorkersTests {

	private RemoteTestRepository repository;

	@BeforeEach
	void createRepository() throws Exception {
		this.repository = new RemoteTestRepository();
	}

	@AfterEach
	void dropRepository() throws Exception {
		this.repository.close();
	}

	@Test
	void aWorkerThatRegistersRemovesTheRowsOfWorkersDeadForADayAndKeepsTheRecentlyDead() {
		deadWorker("long-dead:1", "2 days");
		deadWorker("just-dead:2", "1 hour");
		Workers workers = this.repository.workers(Duration.ofSeconds(15));

		workers.register(1);

		assertThat(this.repository.jdbc.queryForList("select WORKER_ID from FANOUT_WORKER",
				String.class))
			.containsExactlyInAnyOrder("just-dead:2", Workers.thisWorker());
		assertThat(workers.live()).extracting(Workers.Worker::id).containsExactly(Workers.thisWorker());
	}

	private void deadWorker(String id, String heartbeatAge) {
		this.repository.jdbc.update("insert into FANOUT_WORKER (WORKER_ID, HOST, NODE, PID, SLOTS, STARTED, HEARTBEAT) "
				+ "values (?, 'gone', 'gone', 1, 1, CURRENT_TIMESTAMP - interval '3 days', CURRENT_TIMESTAMP - "
				+ "cast(? as interval))", id, heartbeatAge);
	}

}
