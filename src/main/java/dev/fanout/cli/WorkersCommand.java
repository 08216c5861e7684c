package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.ExitCodes;
import dev.fanout.remote.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Component
@Scope("prototype")
@Command(name = "workers", mixinStandardHelpOptions = true,
		description = "List the live 'fanout worker' processes of this repository: host, pid, slots, heartbeat.")
class WorkersCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--json", description = "print JSON for scripts")
	private boolean json;

	private final Workers workers;

	private final JsonMapper jsonMapper;

	WorkersCommand(Workers workers, JsonMapper jsonMapper) {
		this.workers = workers;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		List<Workers.Worker> live = this.workers.live();
		if (this.json) {
			out.println(this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(live));
			return ExitCodes.OK;
		}
		if (live.isEmpty()) {
			out.println("No live worker: start one with 'fanout worker' (it needs the postgres profile).");
			return ExitCodes.OK;
		}
		out.println("%-24s %8s %5s  %-19s  %s".formatted("HOST", "PID", "SLOTS", "STARTED", "HEARTBEAT"));
		for (Workers.Worker worker : live) {
			out.println("%-24s %8d %5d  %-19s  %.1f s ago".formatted(worker.host(), worker.pid(), worker.slots(),
					HistoryCommand.TIME.format(worker.started().atZoneSameInstant(ZoneId.systemDefault())),
					worker.heartbeatAge().toMillis() / 1000.0));
		}
		return ExitCodes.OK;
	}

}
