package dev.fanout.launch;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.history.ExecutionHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "recover", mixinStandardHelpOptions = true, description = {
		"Mark an execution whose process died (killed, crashed, power loss) FAILED, with its running steps, so that "
				+ "its instance can be restarted. A killed execution otherwise stays STARTED and blocks relaunches.",
		"Only for executions whose process is gone: recovering a live one lets a second run start beside it." })
class RecoverCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the execution left STARTED or STOPPING")
	private long executionId;

	private final JobOperator jobOperator;

	private final ExecutionHistory history;

	RecoverCommand(JobOperator jobOperator, ExecutionHistory history) {
		this.jobOperator = jobOperator;
		this.history = history;
	}

	@Override
	public Integer call() {
		JobExecution execution = this.history.find(this.executionId);
		if (!execution.getStatus().isRunning()) {
			throw CommandFailure.conflict(("execution %d is %s; only an execution left running by a dead process "
					+ "needs recovering").formatted(this.executionId, execution.getStatus()));
		}
		this.jobOperator.recover(execution);
		this.spec.commandLine()
			.getOut()
			.println("Execution %d recovered: now FAILED. Restart it with: fanout restart %d"
				.formatted(this.executionId, this.executionId));
		return ExitCodes.OK;
	}

}
