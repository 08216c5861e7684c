package dev.fanout.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.fanout.RepositoryQueries;

/**
 * How {@link KillAndRestartTests} kills one job: the run to start, how far it got (in units of work the repository
 * shows as committed), where to kill it and how to compare its final output with an uninterrupted run's. A job joins
 * the suite with one subclass, listed in {@link KillScenarios#all()}.
 */
public abstract class KillScenario {

	/** The job's name, as {@code run} takes it. */
	public abstract String job();

	/** Job parameters ({@code name=value}), sized so that an uninterrupted run works for a couple of seconds. */
	public abstract List<String> parameters();

	/**
	 * Settings ({@code --name=value}) given to every command of the scenario, e.g. a smaller chunk size or the
	 * password file.
	 */
	public List<String> settings(Path data) {
		return List.of();
	}

	/** Puts what the run needs into a fresh data directory (a password file, inputs) before the first command. */
	public void prepare(Path data) throws IOException {
	}

	/**
	 * Where to kill: fractions of {@link #totalWork()} that the repository must show as committed, cumulated over the
	 * instance's executions. Each point interrupts the restart of the previous one; keep the last one far enough
	 * from 1 that the run is still working when the test sees it.
	 */
	public List<Double> killPoints() {
		return List.of(0.05, 0.5, 0.85);
	}

	/** Units of work of the whole instance: what the committed work of its executions adds up to. */
	public abstract long totalWork();

	/** Units of work one execution has committed, read from the repository while it runs or after it died. */
	public abstract long committedWork(Path data, long execution) throws SQLException;

	/**
	 * The completed instance's output in a comparable form (one entry per output file): equal to the uninterrupted
	 * run's when nothing was lost or duplicated. Instance 1 is the one the scenario ran.
	 */
	public abstract Map<String, String> output(Path data) throws Exception;

	/**
	 * Checks of the completed output that do not need the uninterrupted run, e.g. against a result computed by the
	 * test or digests that must match the files they describe.
	 */
	public void checkOutput(Path data) throws Exception {
	}

	/** Sums a count column over the step executions of one job execution whose names match a SQL LIKE pattern. */
	protected static long stepSum(Path data, long execution, String column, String stepNameLike) throws SQLException {
		return RepositoryQueries.queryLong(data, ("select coalesce(sum(%s), 0) from BATCH_STEP_EXECUTION "
				+ "where JOB_EXECUTION_ID = %d and STEP_NAME like '%s'").formatted(column, execution, stepNameLike));
	}

	/** Counts the COMPLETED step executions of one job execution whose names match a SQL LIKE pattern. */
	protected static long completedSteps(Path data, long execution, String stepNameLike) throws SQLException {
		return RepositoryQueries.queryLong(data, ("select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = %d "
				+ "and STEP_NAME like '%s' and STATUS = 'COMPLETED'").formatted(execution, stepNameLike));
	}

	@Override
	public String toString() {
		return job();
	}

}
