package dev.fanout.launch;

import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
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
@Command(name = "abandon", mixinStandardHelpOptions = true, description = {
		"Mark a FAILED or STOPPED execution ABANDONED: its instance will never be restarted, and a launch with the "
				+ "same parameters is refused." })
class AbandonCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the FAILED or STOPPED execution")
	private long executionId;

	private final JobOperator jobOperator;

	private final ExecutionHistory history;

	AbandonCommand(JobOperator jobOperator, ExecutionHistory history) {
		this.jobOperator = jobOperator;
		this.history = history;
	}

	@Override
	public Integer call() {
		JobExecution execution = this.history.find(this.executionId);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			throw CommandFailure.conflict("execution %d is %s; only FAILED or STOPPED executions can be abandoned"
				.formatted(this.executionId, status));
		}
		try {
			this.jobOperator.abandon(execution);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw CommandFailure.conflict(("execution %d is %s: 'stop %d' it first, or 'recover %d' it if its process "
					+ "was killed").formatted(this.executionId, status, this.executionId, this.executionId));
		}
		this.spec.commandLine().getOut().println("Execution %d ABANDONED.".formatted(this.executionId));
		return ExitCodes.OK;
	}

}
