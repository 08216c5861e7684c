/**
 * Remote partitioning: the partitions of a job run on {@code fanout worker} processes, on this machine or others,
 * with Spring Batch Integration's {@code MessageChannelPartitionHandler} on the manager's side, RabbitMQ between them
 * and the job repository on PostgreSQL, which manager and workers share. Nothing else is shared: a worker needs the
 * broker and the database, never the manager's data directory, so only jobs whose partitions keep their input and
 * output in the repository send them ({@link dev.fanout.batch.JobDescription#runsOnWorkers()}).
 * <p>
 * <b>A property of the process.</b> {@code fanout.workers=remote} (the {@code remote} profile) makes a manager:
 * {@link dev.fanout.remote.ManagerConfiguration} loads only then, and {@code fanout worker} loads
 * {@link dev.fanout.remote.WorkerConfiguration} (FanoutApplication sets {@code fanout.remote.worker} for it). Local
 * commands load no broker or Integration bean: Boot's Rabbit auto-configuration is excluded in application.yml.
 * <p>
 * <b>Requests.</b> A request is text, {@code <stepName> <stepExecutionId>} ({@link
 * dev.fanout.remote.PartitionRequest}): no Java serialization. Each worker consumer has a prefetch of 1 and
 * acknowledges a request when its partition has ended, so a worker never hoards requests and those it has not started
 * stay queued. A request the worker cannot read or whose step or step execution does not exist is rejected without
 * requeue: the queue dead-letters it to {@code <queue>.dead}; so is a message longer than any request
 * ({@code PartitionRequest.MAX_BYTES}), before it is decoded. A request the worker could not handle for another
 * reason (the repository failed: a pool timeout, a connection reset) goes back to the queue once, and is
 * dead-lettered if it fails again: never acknowledged as if its partition had run, never left unanswered. A request for a partition that is not waiting to start
 * (already completed, failed or taken) is acknowledged and dropped with a log line.
 * <p>
 * <b>One worker per partition.</b> {@code FANOUT_PARTITION_WORKER} holds one row per remote partition, inserted by
 * whoever takes it first: a worker before running it, or the manager when no worker took the partition in
 * {@code fanout.remote.no-worker-wait} (it then fails it, so a restart runs it). A duplicate delivery finds the row and
 * drops the request. The row also says where the partition ran ({@code show --json}).
 * <p>
 * <b>No partition waits for ever.</b> The manager's watch ({@link dev.fanout.remote.WatchedPartitionHandler}) looks
 * at every waiting partition for as long as the step runs, not once: one that waits longer than
 * {@code no-worker-wait} fails if no worker is live or listens on the queue; if workers listen and the queue is empty
 * its request was lost, and is sent again once before the partition fails; while requests are queued, it waits for
 * the busy workers. Once the job is stopping, it ends STOPPED at once the partitions that no worker holds (waiting, or
 * whose worker died), whose requests could otherwise keep a stopped job waiting for a worker.
 * <p>
 * <b>Live workers.</b> Each worker keeps a row in {@code FANOUT_WORKER} with its host, pid and slots, its heartbeat
 * refreshed with the database's clock ({@link dev.fanout.remote.Workers}). A partition whose worker's heartbeat is
 * older than {@code fanout.remote.worker-timeout} while the partition runs is handed on to another worker, or failed,
 * by the manager ({@link dev.fanout.remote.WatchedPartitionHandler}). The heartbeat also refreshes the worker's claim
 * on each partition it runs ({@code FANOUT_PARTITION_WORKER.BEAT}) for as long as it runs it, so a partition whose
 * run ended without its end being recorded is treated alike although its worker lives on.
 * <p>
 * <b>Fenced writes.</b> A worker taken for dead may only have paused. Each write of a partition it runs checks its
 * claim in the same transaction and locks the claim's row ({@link dev.fanout.remote.ClaimFence}); the manager releases
 * a claim before it writes the partition. So the old worker's writes either commit before the manager takes the
 * partition back, or fail and roll back with everything they wrote. A recovery of an execution whose manager died
 * takes its partitions' claims back the same way ({@link dev.fanout.recovery.PartitionClaims}).
 */
package dev.fanout.remote;
