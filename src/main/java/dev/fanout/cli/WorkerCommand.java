package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.remote.PartitionWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Component
@Scope("prototype")
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
		"Run the partitions that managers (processes with fanout.workers=remote, e.g. the remote profile) send to "
				+ "RabbitMQ, until SIGTERM or Ctrl-C. Needs the broker (spring.rabbitmq.*) and the managers' "
				+ "PostgreSQL repository; nothing from their data directories.",
		"SIGTERM or Ctrl-C stops the running partitions at their next chunk boundary, leaves the other requests "
				+ "queued and exits 0." })
class WorkerCommand implements Callable<Integer> {

	private static final Logger logger = LoggerFactory.getLogger(WorkerCommand.class);

	@Spec
	private CommandSpec spec;

	@Option(names = "--slots", defaultValue = "1", paramLabel = "N",
			description = "partitions run at once, each on a thread of its own (default ${DEFAULT-VALUE}, at most 256)")
	@Range(min = 1, max = 256)
	private int slots;

	private final ObjectProvider<PartitionWorker> worker;

	WorkerCommand(ObjectProvider<PartitionWorker> worker) {
		this.worker = worker;
	}

	@Override
	public Integer call() throws InterruptedException {
		PartitionWorker partitionWorker = this.worker.getIfAvailable();
		if (partitionWorker == null) {
			// FanoutApplication loads the worker's beans only when 'worker' is the command.
			throw CommandFailure.usage("'worker' must be the command itself, e.g. 'fanout worker --slots 2'");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		CountDownLatch signalled = new CountDownLatch(1);
		for (String name : new String[] { "TERM", "INT" }) {
			Signal.handle(new Signal(name), (signal) -> signalled.countDown());
		}
		partitionWorker.start(this.slots, (line) -> {
			synchronized (out) {
				out.println(line);
				out.flush();
			}
		});
		out.println("Worker %d taking partitions from queue %s with %d slot%s; SIGTERM or Ctrl-C stops it"
			.formatted(ProcessHandle.current().pid(), partitionWorker.queue(), this.slots, (this.slots == 1) ? "" : "s"));
		out.flush();
		signalled.await();
		logger.info("Signal received: stopping the running partitions at their next chunk boundary");
		out.println("Stopping: running partitions stop at their next chunk boundary; queued requests stay queued");
		out.flush();
		partitionWorker.stop();
		out.println("Worker stopped.");
		return ExitCodes.OK;
	}

}
