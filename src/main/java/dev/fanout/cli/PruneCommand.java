package dev.fanout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.DurationText;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.core.Units;
import dev.fanout.history.Pruning;
import dev.fanout.repository.EmbeddedRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "prune", mixinStandardHelpOptions = true, description = {
		"Delete old job instances from the repository: those whose last execution is COMPLETED or ABANDONED and "
				+ "whose executions all ended before the cut-off. FAILED and STOPPED instances stay (restart or abandon "
				+ "them first); running ones are never touched. A pruned instance's work directory goes with it; its "
				+ "outputs (out/*/instance-<id>..., links removed, never followed) go too with --outputs.",
		"On the embedded repository, its server compacts the file as soon as no Fanout process uses it." })
class PruneCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--older-than", required = true, paramLabel = "AGE",
			description = "the cut-off: instances that ended longer ago than this, e.g. 30d, 12h (back to 1970 at most)")
	private String olderThan;

	@Option(names = "--dry-run", description = "only say what would be deleted")
	private boolean dryRun;

	@Option(names = "--outputs", description = "also delete the pruned instances' outputs under the data directory")
	private boolean outputs;

	private final Pruning pruning;

	private final ObjectProvider<EmbeddedRepository> embedded;

	private final FanoutProperties fanout;

	PruneCommand(Pruning pruning, ObjectProvider<EmbeddedRepository> embedded, FanoutProperties fanout) {
		this.pruning = pruning;
		this.embedded = embedded;
		this.fanout = fanout;
	}

	@Override
	public Integer call() throws IOException {
		Duration age;
		try {
			age = DurationText.parse("--older-than", this.olderThan);
		}
		catch (IllegalArgumentException ex) {
			throw CommandFailure.usage(ex.getMessage().replace("--older-than=", "--older-than "));
		}
		LocalDateTime now = LocalDateTime.now();
		// Checked before the subtraction: a huge age overflowed into a cut-off in the far future, which pruned all.
		if (age.compareTo(Duration.between(Pruning.EARLIEST_CUTOFF, now)) > 0) {
			throw CommandFailure.usage(("--older-than %s reaches back before %s, when no job had run yet; give at "
					+ "most %dd").formatted(this.olderThan, Pruning.EARLIEST_CUTOFF.toLocalDate(),
							Duration.between(Pruning.EARLIEST_CUTOFF, now).toDays()));
		}
		LocalDateTime cutoff = now.minus(age);
		List<JobInstance> instances = this.pruning.prunable(cutoff);
		PrintWriter out = this.spec.commandLine().getOut();
		String when = HistoryCommand.TIME.format(cutoff);
		if (instances.isEmpty()) {
			out.println("Nothing to prune: no completed or abandoned instance ended before " + when + ".");
			return ExitCodes.OK;
		}
		Map<String, Integer> byJob = new TreeMap<>();
		instances.forEach((instance) -> byJob.merge(instance.getJobName(), 1, Integer::sum));
		Path outputDirectory = this.fanout.dataDir().resolve("out");
		if (this.dryRun) {
			out.println("Would delete %d instance%s that ended before %s: %s.".formatted(instances.size(),
					(instances.size() == 1) ? "" : "s", when, perJob(byJob)));
			Pruning.Outputs outputs = this.pruning.outputs(instances);
			if (outputs.count() == 0) {
				out.println("They have no outputs under %s.".formatted(outputDirectory));
			}
			else {
				String described = describe(outputs, outputDirectory);
				out.println(this.outputs ? "Would delete their outputs: %s.".formatted(described)
						: "Their outputs would stay (%s); --outputs deletes them.".formatted(described));
			}
			return ExitCodes.OK;
		}
		Pruning.Pruned pruned = this.pruning.prune(instances, this.outputs);
		out.println("Deleted %d instance%s (%d execution%s) that ended before %s: %s.".formatted(pruned.instances(),
				(pruned.instances() == 1) ? "" : "s", pruned.executions(), (pruned.executions() == 1) ? "" : "s", when,
				perJob(byJob)));
		if (this.outputs) {
			out.println("Deleted their outputs: %s.".formatted(describe(pruned.outputs(), outputDirectory)));
		}
		EmbeddedRepository repository = this.embedded.getIfAvailable();
		if (repository != null) {
			repository.stopWhenIdle();
			out.println("The repository's server compacts %s as soon as no Fanout process uses it.".formatted(
					repository.files().databaseFile()));
		}
		if (!pruned.failures().isEmpty()) {
			PrintWriter err = this.spec.commandLine().getErr();
			pruned.failures().forEach((failure) -> err.println("fanout: could not delete " + failure));
			err.println("fanout: %d files of the pruned instances stayed (see above); delete them by hand"
				.formatted(pruned.failures().size()));
			return ExitCodes.FAILED;
		}
		return ExitCodes.OK;
	}

	/** {@code 3 files and directories (12 KiB) under /data/out}. */
	private static String describe(Pruning.Outputs outputs, Path directory) {
		return "%d %s (%s) under %s".formatted(outputs.count(),
				(outputs.count() == 1) ? "file or directory" : "files and directories", Units.bytes(outputs.bytes()),
				directory);
	}

	private static String perJob(Map<String, Integer> byJob) {
		return String.join(", ", byJob.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue()).toList());
	}

}
