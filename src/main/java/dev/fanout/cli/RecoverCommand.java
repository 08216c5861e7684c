package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.ExecutionActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "recover", mixinStandardHelpOptions = true, description = {
		"Mark an execution whose process died (killed, crashed, power loss) FAILED, with its running steps, so that "
				+ "its instance can be restarted. A killed execution otherwise stays STARTED and blocks relaunches; one "
				+ "that ended UNKNOWN (its process could not record how it ended) cannot be restarted either.",
		"Refuses an execution whose owner process is alive (exit code 4). --orphans recovers every orphaned execution." })
class RecoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION_ID",
			description = "the execution left STARTED or STOPPING, or ended UNKNOWN")
	private Long executionId;

	@Option(names = "--orphans", description = "recover every orphaned execution ('history' marks them)")
	private boolean orphans;

	@Option(names = "--force", description = { "recover the execution even if its owner looks alive. Dangerous: if it "
			+ "is alive, a restart runs the instance a second time beside it, both writing the same outputs, and the "
			+ "live run fails at its next commit" })
	private boolean force;

	private final ExecutionActions actions;

	RecoverCommand(ExecutionActions actions) {
		this.actions = actions;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.orphans == (this.executionId != null)) {
			throw CommandFailure.usage("give either an execution id or --orphans ('history' lists executions)");
		}
		if (!this.orphans) {
			out.println(this.actions.recover(this.executionId, this.force).message());
			return ExitCodes.OK;
		}
		if (this.force) {
			throw CommandFailure.usage("--force applies to one execution id, not to --orphans");
		}
		List<ExecutionActions.Recovered> recovered = this.actions.recoverOrphans();
		if (recovered.isEmpty()) {
			out.println("No orphaned executions.");
		}
		recovered.forEach((each) -> out.println(each.message()));
		return ExitCodes.OK;
	}

}
