package dev.fanout.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.PostgresSchema;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import dev.fanout.crash.OutputFiles;
import dev.fanout.jobs.factorize.ExpectedCsvAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning with real processes on loopback: a manager and {@code fanout worker} processes, each with a data
 * directory of its own, on this machine's PostgreSQL (a schema of the test's own) and RabbitMQ (queues of the test's
 * own, deleted afterwards).
 */
@RunsBesideTheSuite
@Order(1) // the longest classes beside the suite first, so that none is left to run alone at its end
class RemotePartitioningProcessTests {

	private static final Duration START = Duration.ofSeconds(240);

	private PostgresSchema schema;

	/** The test's queue, named after its schema. */
	private String queue;

	private final List<FanoutProcess.Started> workers = new ArrayList<>();

	private final Map<String, Path> managerData = new HashMap<>();

	private CachingConnectionFactory broker;

	/**
	 * The test's connection for its polls ({@link #count}), opened once: a PostgreSQL connection starts a server
	 * process, and a new one every 10 ms took CPU from the workers and managers the test waits for. Used by the test's
	 * thread only.
	 */
	private Connection polls;

	@BeforeEach
	void createSchema() throws Exception {
		this.schema = PostgresSchema.create("fanout_test_");
		this.queue = this.schema.name() + ".partitions";
		this.polls = this.schema.connect();
		this.broker = new CachingConnectionFactory("127.0.0.1", 5672);
	}

	@AfterEach
	void dropSchemaAndQueues() throws Exception {
		for (FanoutProcess.Started worker : this.workers) {
			if (worker.isAlive()) {
				worker.kill9();
			}
		}
		RabbitAdmin admin = new RabbitAdmin(this.broker);
		admin.deleteQueue(this.queue);
		admin.deleteQueue(this.queue + ".dead");
		this.broker.destroy();
		this.polls.close();
		this.schema.close();
	}

	@Test
	void twoWorkersRunTheSensorsAndLifePartitionsToTheOutputsOfLocalRunsAndDropDuplicatesAndPoison() throws Exception {
		FanoutProcess.Started first = worker("worker-1");
		FanoutProcess.Started second = worker("worker-2");
		awaitTaking(first);
		awaitTaking(second);

		CommandResult run = manager("manager").run(remote("run", "sensors", "sensors=4", "readings=20",
				"readLatency=50ms", "counter=partitioned"));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("expected 80 found 80");
		JsonNode detail = JsonMapper.builder().build()
			.readTree(manager("manager").run(remote("show", Long.toString(run.executionId()), "--json")).out());
		Set<Long> ranOn = detail.get("steps").valueStream()
			.filter((step) -> step.get("partition").asBoolean())
			.map((step) -> step.get("worker").get("pid").asLong())
			.collect(Collectors.toSet());
		assertThat(ranOn).as("the partitions ran on both workers").containsExactlyInAnyOrder(first.process().pid(),
				second.process().pid());
		CommandResult listed = manager("manager").run(remote("workers"));
		assertThat(listed.out()).contains(" " + first.process().pid() + " ", " " + second.process().pid() + " ");

		// life: 2 bands over 6 generation steps, each band's input and rows through the repository.
		String[] life = { "run", "life", "pattern=life/gosper-glider-gun.rle", "width=80", "height=60",
				"generations=60", "partitions=2", "checkpoint=10" };
		CommandResult remoteLife = manager("manager").run(remote(life));
		assertThat(remoteLife.exitCode()).as(remoteLife.toString()).isZero();
		CommandResult localLife = manager("local").run(life);
		assertThat(localLife.exitCode()).as(localLife.toString()).isZero();
		assertThat(OutputFiles.of(onlyEntry(this.managerData.get("manager").resolve("out/life"))))
			.as("the same files, byte for byte, as a local run's")
			.isEqualTo(OutputFiles.of(onlyEntry(this.managerData.get("local").resolve("out/life"))))
			.containsKeys("final.rle", "population.csv", "generations.gif");
		JsonNode lifeDetail = JsonMapper.builder().build()
			.readTree(manager("manager").run(remote("show", Long.toString(remoteLife.executionId()), "--json")).out());
		assertThat(lifeDetail.get("steps").valueStream()
			.filter((step) -> step.get("partition").asBoolean())
			.map((step) -> step.get("worker").get("pid").asLong())
			.collect(Collectors.toSet())).as("the bands ran on both workers")
			.containsExactlyInAnyOrder(first.process().pid(), second.process().pid());

		// A duplicate of a completed partition's request is dropped; a malformed one is dead-lettered, not redelivered.
		long completed = detail.get("steps").valueStream()
			.filter((step) -> step.get("name").asString().equals("sensorsWorker:sensor0"))
			.findFirst().orElseThrow().get("id").asLong();
		RabbitTemplate requests = new RabbitTemplate(this.broker);
		requests.convertAndSend("", this.queue, "sensorsWorker " + completed);
		requests.convertAndSend("", this.queue, "not a request");
		Await.until("the duplicate dropped", START, () -> output(first, second).contains(
				"Dropped the request for partition sensorsWorker:sensor0 (step execution " + completed + ")"));
		Await.until("the malformed request dead-lettered", START, () -> {
			QueueInformation dead = new RabbitAdmin(this.broker).getQueueInfo(this.queue + ".dead");
			return dead != null && dead.getMessageCount() == 1;
		});

		first.terminate();
		second.terminate();
		assertThat(first.finish().exitCode()).isZero();
		assertThat(second.finish().exitCode()).isZero();
	}

	/**
	 * A worker paused mid-partition (SIGSTOP: to the manager, as dead as a killed one) for longer than the timeout: its
	 * partition is handed on to the live worker and the job completes in the same execution; when the paused worker
	 * goes on, its claim no longer holds, and it gives the partition up without writing anything of it.
	 */
	@Test
	void aWorkerPausedMidPartitionIsReplacedAndWhenItGoesOnItWritesNothingMore() throws Exception {
		FanoutProcess.Started first = worker("worker-1", "--fanout.factorize.chunk-size=2",
				"--fanout.remote.heartbeat=500ms");
		FanoutProcess.Started second = worker("worker-2", "--fanout.factorize.chunk-size=2",
				"--fanout.remote.heartbeat=500ms");
		awaitTaking(first);
		awaitTaking(second);
		List<Long> numbers = new Random(14).longs(24, 150_000_000, 250_000_000).boxed().toList();

		FanoutProcess.Started run = manager("manager-factorize").start(remote("--fanout.remote.worker-timeout=4s", "run",
				"factorize", "algorithm=naive", "threads=4",
				"numbers=" + numbers.stream().map(String::valueOf).collect(Collectors.joining(","))));
		long[] paused = new long[1];
		Await.until("worker-1 committing a chunk of a partition", START, () -> {
			paused[0] = startedPartitionWithCommits(first.process().pid());
			return paused[0] > 0;
		});
		CommandResult[] done = new CommandResult[1];
		first.pauseWhile(() -> done[0] = run.finish());
		Await.until("worker-1 giving its partition up", START,
				() -> Files.readString(first.out()).contains("Gave up partition"));

		assertThat(done[0].exitCode()).as(done[0].toString()).isZero();
		assertThat(Files.readString(this.managerData.get("manager-factorize").resolve("out/factorize/instance-1.csv")))
			.isEqualTo(ExpectedCsvAccess.of(numbers));
		JsonNode pausedPartition = JsonMapper.builder().build()
			.readTree(manager("manager-factorize").run(remote("show", Long.toString(done[0].executionId()), "--json"))
				.out())
			.get("steps").valueStream()
			.filter((step) -> step.get("id").asLong() == paused[0])
			.findFirst().orElseThrow();
		assertThat(pausedPartition.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(pausedPartition.get("worker").get("pid").asLong()).as("taken over by the live worker")
			.isEqualTo(second.process().pid());
		assertThat(Files.readString(second.out())).contains("Took partition %s (step execution %d)"
			.formatted(pausedPartition.get("name").asString(), paused[0]));
		assertThat(count("select count(*) from FANOUT_PARTITION_DATA where JOB_INSTANCE_ID = %d", 1))
			.as("rows of the completed instance left behind").isZero();
	}

	@Test
	void aStopFromAnotherProcessStopsRemotePartitionsAndAKilledManagersWorkIsFinishedByTheWorkers() throws Exception {
		FanoutProcess.Started worker = worker("worker", "--fanout.factorize.chunk-size=1");
		awaitTaking(worker);
		List<Long> numbers = new Random(15).longs(12, 150_000_000, 250_000_000).boxed().toList();
		String list = "numbers=" + numbers.stream().map(String::valueOf).collect(Collectors.joining(","));

		// stop, from another process, while the worker runs a partition: two numbers near the naive limit, tens of
		// seconds each, so that the run is sure to outlast the stop command's start, and the stop lands inside one.
		FanoutProcess.Started stopped = manager("manager-stop").start(remote("run", "factorize", "algorithm=naive",
				"threads=2", "numbers=9999999967,9999999999"));
		long first = stopped.awaitExecutionId(START);
		Await.until("the worker running a partition", START, () -> runningPartitions(first) > 0);
		CommandResult stop = manager("manager-stop").run(remote("stop", Long.toString(first)));
		assertThat(stop.exitCode()).as(stop.toString()).isZero();
		CommandResult ended = stopped.finish();
		assertThat(ended.exitCode()).as(ended.toString()).isEqualTo(ExitCodes.STOPPED);
		assertThat(count("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d and STEP_NAME like "
				+ "'factorizeWorker:%%' and READ_COUNT > 0", first)).as("stopped inside the numbers").isZero();

		// The manager killed: the worker finishes the partitions; recover and restart only merge them.
		FanoutProcess.Started killed = manager("manager-killed").start(remote("run", "factorize", "algorithm=naive",
				"threads=2", list));
		long second = killed.awaitExecutionId(START);
		Await.until("a partition committing", START, () -> committedPartitions(second) > 0);
		killed.kill9();
		Await.until("the worker finishing both partitions", START, () -> completedPartitions(second) == 2);
		CommandResult recovered = manager("manager-killed").run(remote("recover", Long.toString(second)));
		assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
		CommandResult finished = manager("manager-killed").run(remote("restart", Long.toString(second)));
		assertThat(finished.exitCode()).as(finished.toString()).isZero();
		JsonNode detail = JsonMapper.builder().build()
			.readTree(manager("manager-killed").run(remote("show", Long.toString(finished.executionId()), "--json"))
				.out());
		assertThat(detail.get("steps").valueStream().filter((step) -> step.get("partition").asBoolean()))
			.as("the restart ran no partition again").isEmpty();
		assertThat(Files.readString(onlyEntry(this.managerData.get("manager-killed").resolve("out/factorize"))))
			.isEqualTo(ExpectedCsvAccess.of(numbers));
		worker.terminate();
		assertThat(worker.finish().exitCode()).isZero();
	}

	@Test
	void withoutWorkersTheStepFailsClearlyAndARestartCompletesOnceOneRuns() throws Exception {
		CommandResult run = manager("manager").run(remote("run", "sensors", "sensors=2", "readings=5",
				"--fanout.remote.no-worker-wait=2s"));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(run.out()).contains("Execution " + run.executionId() + " FAILED")
			.contains("no worker took the partitions: start `fanout worker`")
			.doesNotContain("\tat org.springframework");

		FanoutProcess.Started worker = worker("worker");
		awaitTaking(worker);
		CommandResult restart = manager("manager").run(remote("restart", Long.toString(run.executionId())));
		assertThat(restart.exitCode()).as(restart.toString()).isZero();
		assertThat(restart.out()).contains("expected 10 found 10");
		// The first run's requests were still queued: the worker dropped them, as the manager had failed them.
		assertThat(Files.readString(worker.out())).contains("Dropped the request for partition sensorsWorker:sensor0")
			.contains("it is already FAILED (taken by the manager, as no worker took it)");
		worker.terminate();
		assertThat(worker.finish().exitCode()).isZero();
	}

	@Test
	void aCounterOfOneJvmTheH2RepositoryAndAnUnreachableBrokerAreRefusedRemotely() throws Exception {
		CommandResult locked = manager("manager").run(remote("run", "sensors", "counter=locked"));
		assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(locked.err()).contains("counter=locked keeps its count in one JVM and cannot run on remote workers");

		CommandResult h2 = manager("h2").run("--spring.profiles.active=remote", "run", "sensors");
		assertThat(h2.exitCode()).as(h2.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(h2.err().strip().lines()).singleElement()
			.asString()
			.contains("remote workers need the job repository on PostgreSQL");

		// Nothing listens on port 1: the broker cannot be reached, and nothing is launched.
		CommandResult noBroker = manager("manager").run(remote("--spring.rabbitmq.port=1", "run", "factorize",
				"numbers=12", "--new"));
		assertThat(noBroker.exitCode()).as(noBroker.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(noBroker.err().strip().lines()).singleElement()
			.asString()
			.startsWith("fanout: RabbitMQ at localhost:1 cannot be reached")
			.contains("SPRING_RABBITMQ_PORT")
			.endsWith("nothing was launched");
		assertThat(count("select count(*) from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID > %d", 0)).as("executions").isZero();
		CommandResult lonelyWorker = new FanoutProcess(TestDataDirectories.fresh("RemotePartitioningProcessTests-w"))
			.run(remote("--spring.rabbitmq.port=1", "worker"));
		assertThat(lonelyWorker.exitCode()).as(lonelyWorker.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(lonelyWorker.err().strip().lines()).singleElement()
			.asString()
			.startsWith("fanout: RabbitMQ at localhost:1 cannot be reached");
	}

	/** A manager process on a data directory of this name (fresh on first use, kept for the test's later commands). */
	private FanoutProcess manager(String directory) {
		return new FanoutProcess(this.managerData.computeIfAbsent(directory,
				(name) -> TestDataDirectories.fresh("RemotePartitioningProcessTests-" + name)));
	}

	private FanoutProcess.Started worker(String directory, String... settings) throws Exception {
		List<String> args = new ArrayList<>(List.of(settings));
		args.addAll(List.of("worker", "--slots", "1"));
		FanoutProcess.Started worker = new FanoutProcess(
				TestDataDirectories.fresh("RemotePartitioningProcessTests-" + directory))
			.start(remote(args.toArray(String[]::new)));
		this.workers.add(worker);
		return worker;
	}

	/** The partitions of an execution that have committed at least once. */
	private long committedPartitions(long jobExecutionId) throws Exception {
		return count("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d and STEP_NAME like "
				+ "'factorizeWorker:%%' and COMMIT_COUNT > 0", jobExecutionId);
	}

	private long runningPartitions(long jobExecutionId) throws Exception {
		return count("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d and STEP_NAME like "
				+ "'factorizeWorker:%%' and STATUS = 'STARTED'", jobExecutionId);
	}

	private long completedPartitions(long jobExecutionId) throws Exception {
		return count("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d and STEP_NAME like "
				+ "'factorizeWorker:%%' and STATUS = 'COMPLETED'", jobExecutionId);
	}

	/** A number that a query (its {@code %d} filled in) reads from the test's schema; 0 before the tables exist. */
	private long count(String query, long id) throws Exception {
		try (Statement statement = this.polls.createStatement();
				ResultSet found = statement.executeQuery(query.formatted(id))) {
			return found.next() ? found.getLong(1) : 0;
		}
		catch (SQLException ex) {
			return 0; // the manager has not created the tables yet (auto-commit: the connection stays usable)
		}
	}

	/** A partition that a worker process runs and has committed a chunk of, but not all: its id, or 0. */
	private long startedPartitionWithCommits(long workerPid) throws Exception {
		return count("select coalesce(max(s.STEP_EXECUTION_ID), 0) from BATCH_STEP_EXECUTION s join "
				+ "FANOUT_PARTITION_WORKER w on w.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID where w.PID = %d and "
				+ "s.STATUS = 'STARTED' and s.COMMIT_COUNT > 0", workerPid);
	}

	private String[] remote(String... args) {
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=postgres,remote",
				"--spring.datasource.url=" + this.schema.url(),
				"--fanout.remote.queue=" + this.queue));
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

	/**
	 * The one entry of a directory: the one instance directory of a job's outputs (instance ids differ between
	 * repositories), or its one CSV.
	 */
	private static Path onlyEntry(Path directory) throws Exception {
		try (Stream<Path> entries = Files.list(directory)) {
			List<Path> all = entries.toList();
			assertThat(all).hasSize(1);
			return all.get(0);
		}
	}

	private static void awaitTaking(FanoutProcess.Started worker) throws Exception {
		Await.until("the worker taking partitions", START, () -> {
			if (!worker.isAlive()) {
				throw new AssertionError("the worker ended: " + worker.finish());
			}
			return Files.readString(worker.out()).contains("taking partitions from queue");
		});
	}

	private static String output(FanoutProcess.Started... workers) throws Exception {
		StringBuilder all = new StringBuilder();
		for (FanoutProcess.Started worker : workers) {
			all.append(Files.readString(worker.out()));
		}
		return all.toString();
	}

}
