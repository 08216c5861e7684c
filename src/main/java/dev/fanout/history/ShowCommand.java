package dev.fanout.history;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.launch.ExitCodes;
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

	private final JsonMapper jsonMapper;

	ShowCommand(ExecutionHistory history, JsonMapper jsonMapper) {
		this.history = history;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Integer call() {
		ExecutionDetail detail = this.history.detail(this.executionId);
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
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
		out.println("  started     " + ((execution.startTime() != null) ? HistoryCommand.TIME.format(execution.startTime()) : "-"));
		out.println("  duration    " + Durations.format(execution.durationMillis()));
		out.println("  exit        " + execution.exitCode()
				+ (execution.exitDescription().isBlank() ? "" : ": " + firstLine(execution.exitDescription())));
		for (String output : detail.outputs()) {
			out.println("  output      " + output);
		}
		detail.summary().lines().forEach((line) -> out.println("  summary     " + line));
		out.println();
		out.println("  %-28s %-10s %7s %7s %6s %10s  %s".formatted("STEP", "STATUS", "READ", "WRITTEN", "SKIPS",
				"DURATION", "EXIT"));
		for (StepSummary step : detail.steps()) {
			out.println("  %-28s %-10s %7d %7d %6d %10s  %s".formatted((step.partition() ? "  " : "") + step.name(),
					step.status(), step.readCount(), step.writeCount(), step.skipCount(),
					Durations.format(step.durationMillis()),
					step.exitCode() + (step.exitDescription().isBlank() ? "" : ": " + firstLine(step.exitDescription()))));
		}
		return ExitCodes.OK;
	}

	/** The first line of a description, which for a stack trace is the exception and its message. */
	private static String firstLine(String description) {
		int newline = description.indexOf('\n');
		return (newline < 0) ? description : description.substring(0, newline).strip();
	}

}
