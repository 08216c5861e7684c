package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.history.Durations;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.launch.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Component
@Scope("prototype")
@Command(name = "history", mixinStandardHelpOptions = true,
		description = "List executions, newest first: id, job, status, start, duration, parameters.")
public class HistoryCommand implements Callable<Integer> {

	/** How history, show and prune print a time. */
	public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "only this job's executions")
	private String job;

	@Option(names = "--status", paramLabel = "STATUS",
			description = "only executions in this status: COMPLETED, FAILED, STOPPED, STARTED, ABANDONED...")
	private String status;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N executions (default 20)")
	@Range(min = 1)
	private int limit;

	@Option(names = "--json", description = "print JSON for scripts")
	private boolean json;

	private final ExecutionHistory history;

	/** Absent without an application context ({@link ContextFreeReads}) when the command line has no {@code --json}. */
	private final @Nullable JsonMapper jsonMapper;

	/**
	 * The jobs, to refuse an unknown one; absent without an application context, which leaves a name that is neither a
	 * job nor in the repository to the application ({@link ContextFreeReads}).
	 */
	private final @Nullable Launcher launcher;

	@Autowired
	HistoryCommand(ExecutionHistory history, JsonMapper jsonMapper, Launcher launcher) {
		this.history = history;
		this.jsonMapper = jsonMapper;
		this.launcher = launcher;
	}

	/**
	 * Without the jobs: for {@link ContextFreeReads}, with a mapper that writes as the application's does, or none
	 * where no JSON is asked for.
	 */
	HistoryCommand(ExecutionHistory history, @Nullable JsonMapper jsonMapper) {
		this.history = history;
		this.jsonMapper = jsonMapper;
		this.launcher = null;
	}

	@Override
	public Integer call() {
		checkJob();
		if (this.status != null) {
			try {
				BatchStatus.valueOf(this.status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw CommandFailure.usage("--status %s is not a batch status; use one of %s".formatted(this.status,
						java.util.Arrays.toString(BatchStatus.values())));
			}
		}
		List<ExecutionSummary> executions = this.history.list(this.job, this.status, this.limit);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			if (this.jsonMapper == null) {
				throw new IllegalStateException("--json needs a JSON mapper");
			}
			out.println(this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(executions));
			return ExitCodes.OK;
		}
		if (executions.isEmpty()) {
			out.println(nothingListed());
			return ExitCodes.OK;
		}
		int statusWidth = Math.max(10, executions.stream().mapToInt((e) -> e.statusText().length()).max().orElse(0));
		String row = "%6s  %-10s %-" + statusWidth + "s %-19s %10s  %s";
		out.println(row.formatted("ID", "JOB", "STATUS", "START", "DURATION", "PARAMETERS"));
		for (ExecutionSummary execution : executions) {
			out.println(row.formatted(execution.id(), execution.job(), execution.statusText(),
					(execution.startTime() != null) ? TIME.format(execution.startTime()) : "-",
					Durations.format(execution.durationMillis()), execution.parametersText()));
		}
		List<ExecutionSummary> orphans = executions.stream().filter(ExecutionSummary::orphaned).toList();
		for (ExecutionSummary orphan : orphans) {
			out.println("Execution %d is orphaned: %s.".formatted(orphan.id(), orphan.owner()));
		}
		if (!orphans.isEmpty()) {
			out.println("'fanout recover --orphans' marks orphaned executions FAILED; then 'fanout restart' them.");
		}
		return ExitCodes.OK;
	}

	/**
	 * Refuses a name that is neither a job of this application nor one that the repository has executions of (a job
	 * of another version, say), as {@code run} refuses an unknown job: a mistyped name is not an empty history.
	 */
	private void checkJob() {
		if (this.job == null || this.launcher == null
				|| this.launcher.descriptions().stream().anyMatch((job) -> job.jobName().equals(this.job))) {
			return;
		}
		if (!this.history.jobNames().contains(this.job)) {
			this.launcher.job(this.job);
		}
	}

	/**
	 * What an empty listing says: which filter found nothing, and for a job that has no execution at all, the jobs
	 * that have (a mistyped name is then plain to see).
	 */
	private String nothingListed() {
		String status = (this.status != null) ? this.status.toUpperCase(Locale.ROOT) + " " : "";
		if (this.job == null) {
			return "No %sexecutions%s.".formatted(status, status.isEmpty() ? " yet" : "");
		}
		List<String> jobs = this.history.jobNames();
		if (!status.isEmpty() && jobs.contains(this.job)) {
			return "No %sexecutions of %s.".formatted(status, this.job);
		}
		return "No executions of %s yet%s.".formatted(this.job,
				jobs.isEmpty() ? "" : "; the repository has executions of " + String.join(", ", jobs));
	}

}
