package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTests {

	/**
	 * UNKNOWN: Spring Batch could not write a step's end (the repository's server killed, and another started by the
	 * time the job's end was written). Its exit description is the failed write's stack trace, which the log has.
	 */
	@Test
	void anExecutionEndedUnknownSaysWhyAndToRecoverItBeforeTheRestartWithoutAStackTrace() {
		JobExecution execution = new JobExecution(12L, new JobInstance(3L, "factorize"), new JobParameters());
		execution.setStartTime(LocalDateTime.of(2026, 12, 6, 22, 0, 0));
		execution.setEndTime(LocalDateTime.of(2026, 12, 6, 22, 0, 2));
		execution.setStatus(BatchStatus.UNKNOWN);
		execution.setExitStatus(ExitStatus.UNKNOWN.addExitDescription(
				"org.springframework.batch.core.job.JobExecutionException: Partition handler returned an unsuccessful "
						+ "step\n\tat org.springframework.batch.core.partition.PartitionStep.doExecute(PartitionStep.java:134)"));
		StringWriter out = new StringWriter();

		int exitCode = RunReport.print(execution, new PrintWriter(out));

		assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
		assertThat(out.toString()).isEqualTo("""
				Execution 12 UNKNOWN in 2.00 s (factorize, instance 3): the job repository could not record how a \
				step ended (its server stopped or stopped answering during the run; details in the log file)
				Recover it, then restart it: fanout recover 12, then fanout restart 12
				""");
	}

}
