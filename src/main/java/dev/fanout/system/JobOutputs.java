package dev.fanout.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;

/**
 * The files a job execution produced, kept in its job execution context so that {@code run}, {@code show} and the
 * API can say where the output is.
 */
public final class JobOutputs {

	static final String KEY = "fanout.outputs";

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

}
