package dev.fanout.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The files a job execution produced, and a short summary of it, kept in its job execution context so that
 * {@code run}, {@code show} and the API can say where the output is and what it holds.
 * <p>
 * Thread safety: {@link #add} reads the list and writes it back, not atomically. Only steps that run one after the
 * other call it (a job's last steps, the chapter's summary), never partitions or the branches of a split, so the
 * job's context is written by one thread at a time.
 */
public final class JobOutputs {

	static final String KEY = "fanout.outputs";

	static final String SUMMARY = "fanout.summary";

	private JobOutputs() {
	}

	public static void add(JobExecution execution, Path output) {
		List<String> outputs = new ArrayList<>(of(execution));
		String path = output.toAbsolutePath().toString();
		if (!outputs.contains(path)) {
			outputs.add(path);
		}
		execution.getExecutionContext().putString(KEY, String.join("\n", outputs));
	}

	public static List<String> of(JobExecution execution) {
		String outputs = execution.getExecutionContext().getString(KEY, "");
		return outputs.isEmpty() ? List.of() : Arrays.asList(outputs.split("\n"));
	}

	/** A short text saying where a job stands or what it found, which {@code run} and {@code show} print. */
	public static void summarize(JobExecution execution, String summary) {
		execution.getExecutionContext().putString(SUMMARY, summary);
	}

	public static String summary(JobExecution execution) {
		return summary(execution.getExecutionContext());
	}

	/** The summary kept in a job execution's context, read without its execution. */
	public static String summary(ExecutionContext jobContext) {
		return jobContext.getString(SUMMARY, "");
	}

}
