package dev.fanout.cli;

import java.io.PrintWriter;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.ExitCodes;
import dev.fanout.history.Durations;
import dev.fanout.history.ExecutionSummary;

/** The lines {@code run} and {@code restart} print when an execution ends, and its exit code. */
final class RunReport {

	private RunReport() {
	}

	static int print(JobExecution execution, PrintWriter out) {
		ExecutionSummary summary = ExecutionSummary.of(execution);
		BatchStatus status = execution.getStatus();
		StringBuilder line = new StringBuilder("Execution %d %s in %s (%s, instance %d)".formatted(summary.id(),
				status, Durations.format(summary.durationMillis()), summary.job(), summary.instanceId()));
		if (status == BatchStatus.UNKNOWN) {
			// Spring Batch's description is a stack trace of the write that failed; the log has it.
			line.append(": the job repository could not record how a step ended (its server stopped or stopped "
					+ "answering during the run; details in the log file)");
		}
		else if (status != BatchStatus.COMPLETED && !summary.exitDescription().isBlank()) {
			line.append(": ").append(summary.exitDescription());
		}
		out.println(line);
		if (status == BatchStatus.COMPLETED && !summary.exitDescription().isBlank()) {
			// A completed job's exit description is its result (e.g. sensors' "expected 500000 found 499736").
			out.println("Result: " + summary.exitDescription());
		}
		String jobSummary = JobOutputs.summary(execution);
		if (!jobSummary.isBlank()) {
			out.println(jobSummary);
		}
		for (String output : JobOutputs.of(execution)) {
			out.println("Output: " + output);
		}
		if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
			out.println("Restart it with: fanout restart " + summary.id());
		}
		else if (status == BatchStatus.UNKNOWN) {
			out.println("Recover it, then restart it: fanout recover %d, then fanout restart %1$d".formatted(summary.id()));
		}
		out.flush();
		return ExitCodes.of(status);
	}

}
