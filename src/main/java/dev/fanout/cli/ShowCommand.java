package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.ExitCodes;
import dev.fanout.history.Durations;
import dev.fanout.history.ExecutionDetail;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionSummary;
import dev.fanout.history.StepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Component
@Scope("prototype")
@Command(name = "show", mixinStandardHelpOptions = true, description = {
		"Show one execution: its status, steps and partitions (status, read/write/skip counts, duration, exit "
				+ "description) and its output files." })
public class ShowCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the execution ('history' lists them)")
	private long executionId;

	@Option(names = "--json", description = "print JSON for scripts (includes the output paths)")
	private boolean json;

	private final ExecutionHistory history;

	/** Absent without an application context ({@link ContextFreeReads}) when the command line has no {@code --json}. */
	private final @Nullable JsonMapper jsonMapper;

	/**
	 * @param jsonMapper the application's; without an application context ({@link ContextFreeReads}), one that writes
	 * as it does, or none where no JSON is asked for
	 */
	ShowCommand(ExecutionHistory history, @Nullable JsonMapper jsonMapper) {
		this.history = history;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Integer call() {
		ExecutionDetail detail = this.history.detail(this.executionId);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			if (this.jsonMapper == null) {
				throw new IllegalStateException("--json needs a JSON mapper");
			}
			out.println(this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(detail));
			return ExitCodes.OK;
		}
		ExecutionSummary execution = detail.execution();
		out.println("Execution %d of %s (instance %d): %s".formatted(execution.id(), execution.job(),
				execution.instanceId(), execution.statusText()));
		if (execution.orphaned()) {
			out.println("  ORPHANED    %s: 'fanout recover %d' marks it FAILED, then 'fanout restart %d'"
				.formatted(execution.owner(), execution.id(), execution.id()));
		}
		else if (!execution.owner().isEmpty()) {
			out.println("  owner       " + execution.owner());
		}
		out.println("  parameters  " + execution.parametersText());
		if (!execution.launchedBy().isEmpty()) {
			out.println("  launched by " + execution.launchedBy());
		}
		out.println("  started     " + ((execution.startTime() != null) ? HistoryCommand.TIME.format(execution.startTime()) : "-"));
		out.println("  duration    " + Durations.format(execution.durationMillis()));
		out.println("  exit        " + exitText(execution.exitCode(), execution.exitDescription()));
		for (String output : detail.outputs()) {
			out.println("  output      " + output);
		}
		detail.summary().lines().forEach((line) -> out.println("  summary     " + line));
		out.println();
		// Partitions that ran on 'fanout worker' processes say which one (the last, when one was handed on).
		boolean remote = detail.steps().stream().anyMatch((step) -> step.worker() != null);
		List<String[]> rows = new ArrayList<>();
		rows.add(remote ? new String[] { "STEP", "STATUS", "READ", "WRITTEN", "SKIPS", "DURATION", "WORKER", "EXIT" }
				: new String[] { "STEP", "STATUS", "READ", "WRITTEN", "SKIPS", "DURATION", "EXIT" });
		for (StepSummary step : detail.steps()) {
			List<String> row = new ArrayList<>(List.of((step.partition() ? "  " : "") + step.name(), step.status(),
					Long.toString(step.readCount()), Long.toString(step.writeCount()), Long.toString(step.skipCount()),
					Durations.format(step.durationMillis())));
			if (remote) {
				row.add((step.worker() != null) ? "%d on %s".formatted(step.worker().pid(), step.worker().host()) : "-");
			}
			row.add(exitText(step.exitCode(), step.exitDescription()));
			rows.add(row.toArray(String[]::new));
		}
		printColumns(out, rows);
		return ExitCodes.OK;
	}

	/**
	 * Rows as columns as wide as their widest cell (partition names and life's cell counts vary a lot): names,
	 * statuses and workers left-aligned, counts and durations right-aligned, the exit last and unpadded.
	 */
	private static void printColumns(PrintWriter out, List<String[]> rows) {
		int[] widths = new int[rows.get(0).length - 1];
		for (String[] row : rows) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder(" ");
			for (int i = 0; i < widths.length; i++) {
				String pad = " ".repeat(widths[i] - row[i].length());
				line.append(' ').append((i < 2 || i == 6) ? row[i] + pad : pad + row[i]);
			}
			out.println(line.append("  ").append(row[widths.length]));
		}
	}

	/**
	 * An exit code and the first line of its description, which for a stack trace is the exception and its message.
	 * A stopped step stores Spring Batch's JobInterruptedException, which says nothing to an operator: a sentence
	 * replaces it (the job's own description is replaced when it ends, by ReadableFailures).
	 */
	static String exitText(String exitCode, String description) {
		if (description.isBlank()) {
			return exitCode;
		}
		String first = firstLine(description);
		return exitCode + ": "
				+ (first.startsWith(JobInterruptedException.class.getName()) ? ReadableFailures.STOPPED : first);
	}

	/** The first line of a description, which for a stack trace is the exception and its message. */
	private static String firstLine(String description) {
		int newline = description.indexOf('\n');
		return (newline < 0) ? description : description.substring(0, newline).strip();
	}

}
