package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.schedule.InvalidSchedulesException;
import dev.fanout.schedule.LastRun;
import dev.fanout.schedule.ScheduleOverview;
import dev.fanout.schedule.Schedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Component
@Scope("prototype")
@Command(name = "schedules", mixinStandardHelpOptions = true, description = {
		"List the cron schedules of fanout.schedules: job, cron expression and zone, misfire policy, next fire times "
				+ "and last run. Schedules fire only while 'serve' runs." })
public class SchedulesCommand implements Callable<Integer> {

	private static final DateTimeFormatter FIRE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

	@Spec
	private CommandSpec spec;

	@Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "next fire times to show (default 3)")
	@Range(min = 1, max = 100)
	private int count;

	@Option(names = "--json", description = "print JSON for scripts")
	private boolean json;

	private final Schedules schedules;

	private final JsonMapper jsonMapper;

	SchedulesCommand(Schedules schedules, JsonMapper jsonMapper) {
		this.schedules = schedules;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Integer call() {
		List<ScheduleOverview> overview;
		try {
			overview = this.schedules.overview(this.count);
		}
		catch (InvalidSchedulesException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			out.println(this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(overview));
		}
		else if (overview.isEmpty()) {
			out.println("No schedules. Add them under fanout.schedules in config/application.yml (docs: operations.md, Schedules).");
		}
		else {
			print(overview, out);
		}
		return ExitCodes.OK;
	}

	private static void print(List<ScheduleOverview> overview, PrintWriter out) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "NAME", "JOB", "CRON (ZONE)", "MISFIRE", "NEXT", "LAST RUN", "PARAMETERS" });
		for (ScheduleOverview schedule : overview) {
			List<String> next = schedule.nextFireTimes().stream().map(FIRE_TIME::format).toList();
			rows.add(new String[] { schedule.name(), schedule.job(), schedule.cron() + " (" + schedule.zone() + ")",
					schedule.misfire(), next.isEmpty() ? "never" : next.get(0), lastRun(schedule.lastRun()),
					schedule.parameters().entrySet().stream().map((p) -> p.getKey() + "=" + p.getValue())
						.collect(Collectors.joining(" ")) });
			next.stream().skip(1).forEach((time) -> rows.add(new String[] { "", "", "", "", time, "", "" }));
		}
		int[] widths = new int[rows.get(0).length];
		rows.forEach((row) -> {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		});
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(i == row.length - 1 ? row[i] : ("%-" + widths[i] + "s  ").formatted(row[i]));
			}
			out.println(line.toString().stripTrailing());
		}
	}

	private static String lastRun(LastRun run) {
		if (run == null) {
			return "never";
		}
		return "%d %s %s".formatted(run.executionId(), run.status(),
				(run.startTime() != null) ? START.format(run.startTime()) : "-");
	}

}
