package dev.fanout.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;

/**
 * Filtered, paged execution ids straight from Spring Batch's tables: the {@code JobRepository} can list one job's
 * instances but cannot count, filter by status or time, or page across jobs. The same SQL runs on H2 and PostgreSQL.
 */
@Component
class ExecutionQueries {

	private final JdbcTemplate jdbc;

	private final String prefix;

	ExecutionQueries(DataSource dataSource, Environment environment) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.prefix = BatchTables.prefix(environment);
	}

	long count(ExecutionFilter filter) {
		List<Object> arguments = new ArrayList<>();
		Long count = this.jdbc.queryForObject("select count(*) " + from(filter, arguments), Long.class,
				arguments.toArray());
		return (count != null) ? count : 0;
	}

	/** The ids of the matching executions on one page, newest first. */
	List<Long> ids(ExecutionFilter filter, int page, int size) {
		List<Object> arguments = new ArrayList<>();
		String sql = "select e.JOB_EXECUTION_ID " + from(filter, arguments)
				+ " order by e.JOB_EXECUTION_ID desc limit ? offset ?";
		arguments.add(size);
		arguments.add((long) page * size);
		return this.jdbc.queryForList(sql, Long.class, arguments.toArray());
	}

	private String from(ExecutionFilter filter, List<Object> arguments) {
		StringBuilder sql = new StringBuilder("from %sJOB_EXECUTION e join %sJOB_INSTANCE i on i.JOB_INSTANCE_ID = "
				.formatted(this.prefix, this.prefix)).append("e.JOB_INSTANCE_ID where 1 = 1");
		if (filter.job() != null) {
			sql.append(" and i.JOB_NAME = ?");
			arguments.add(filter.job());
		}
		if (filter.status() != null) {
			sql.append(" and e.STATUS = ?");
			arguments.add(filter.status().name());
		}
		if (filter.from() != null) {
			sql.append(" and coalesce(e.START_TIME, e.CREATE_TIME) >= ?");
			arguments.add(filter.from());
		}
		if (filter.to() != null) {
			sql.append(" and coalesce(e.START_TIME, e.CREATE_TIME) < ?");
			arguments.add(filter.to());
		}
		return sql.toString();
	}

	/**
	 * The {@code fanout worker} process that took each remote partition of an execution, by step execution id, from
	 * the table the workers claim partitions in (dev.fanout.remote); partitions the manager failed for want of a
	 * worker are not there.
	 */
	Map<Long, StepSummary.WorkerProcess> workers(long executionId) {
		Map<Long, StepSummary.WorkerProcess> workers = new HashMap<>();
		this.jdbc.query("select STEP_EXECUTION_ID, HOST, PID from FANOUT_PARTITION_WORKER where JOB_EXECUTION_ID = ? "
				+ "and WORKER_ID <> 'manager'", (row) -> {
					workers.put(row.getLong("STEP_EXECUTION_ID"),
							new StepSummary.WorkerProcess(row.getString("HOST"), row.getLong("PID")));
				}, executionId);
		return workers;
	}

}
