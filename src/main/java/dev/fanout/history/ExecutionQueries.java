package dev.fanout.history;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
import dev.fanout.batch.JobOutputs;

/**
 * Filtered, paged execution ids straight from Spring Batch's tables: the {@code JobRepository} can list one job's
 * instances but cannot count, filter by status or time, or page across jobs; and the summaries of ended executions,
 * which it would load a query per step and context at a time. The same SQL runs on H2 and PostgreSQL.
 */
@Component
class ExecutionQueries {

	/**
	 * The serializer of the repository's contexts: neither the application nor {@code history}'s context-free path
	 * sets another, so both repositories use Spring Batch's default.
	 */
	private static final ExecutionContextSerializer CONTEXTS = new DefaultExecutionContextSerializer();

	/** The statuses of an execution or step that runs, as SQL literals. */
	private static final String RUNNING = Arrays.stream(BatchStatus.values())
		.filter(BatchStatus::isRunning)
		.map((status) -> "'" + status.name() + "'")
		.collect(Collectors.joining(", "));

	/** Ids per query of {@link #ended}: well within every database's limit of bind parameters. */
	private static final int IDS_PER_QUERY = 500;

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

	/**
	 * The summaries of those of the listed executions that have ended and need nothing else to be summarized: not
	 * running, not UNKNOWN, no step left running, text parameters only (every parameter Fanout gives). Two queries
	 * per {@value #IDS_PER_QUERY} ids, whatever the executions' steps: loading them through the {@code JobRepository}
	 * costs a query per execution, per step and per context. The others are missing from the map; the caller loads
	 * them whole, and asks who owns them.
	 */
	Map<Long, ExecutionSummary> ended(List<Long> ids) {
		Map<Long, ExecutionSummary> ended = new HashMap<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			ended.putAll(endedAmong(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))));
		}
		return ended;
	}

	private Map<Long, ExecutionSummary> endedAmong(List<Long> ids) {
		String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		Set<Long> typedParameters = new HashSet<>();
		this.jdbc.query(("select JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE from "
				+ "%sJOB_EXECUTION_PARAMS where JOB_EXECUTION_ID in (%s)").formatted(this.prefix, in), (row) -> {
					long id = row.getLong("JOB_EXECUTION_ID");
					if (!String.class.getName().equals(row.getString("PARAMETER_TYPE"))) {
						typedParameters.add(id);
					}
					parameters.computeIfAbsent(id, (key) -> new TreeMap<>())
						.put(row.getString("PARAMETER_NAME"), String.valueOf(row.getString("PARAMETER_VALUE")));
				}, ids.toArray());
		Map<Long, ExecutionSummary> ended = new HashMap<>();
		String sql = ("select e.JOB_EXECUTION_ID, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_CODE, e.EXIT_MESSAGE, "
				+ "i.JOB_INSTANCE_ID, i.JOB_NAME, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT from %1$sJOB_EXECUTION e "
				+ "join %1$sJOB_INSTANCE i on i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
				+ "left join %1$sJOB_EXECUTION_CONTEXT c on c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
				+ "where e.JOB_EXECUTION_ID in (%2$s) and e.STATUS not in (%3$s, 'UNKNOWN') and not exists (select 1 "
				+ "from %1$sSTEP_EXECUTION s where s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and s.STATUS in (%3$s))")
			.formatted(this.prefix, in, RUNNING);
		this.jdbc.query(sql, (row) -> {
			long id = row.getLong("JOB_EXECUTION_ID");
			if (typedParameters.contains(id)) {
				return;
			}
			LocalDateTime start = localDateTime(row.getTimestamp("START_TIME"));
			LocalDateTime end = localDateTime(row.getTimestamp("END_TIME"));
			Map<String, String> given = parameters.getOrDefault(id, new TreeMap<>());
			String launchedBy = ExecutionSummary.takeLaunchedBy(given);
			ended.put(id, new ExecutionSummary(id, row.getString("JOB_NAME"), row.getLong("JOB_INSTANCE_ID"), given,
					launchedBy, row.getString("STATUS"), start, end,
					Durations.millis(start, end), row.getString("EXIT_CODE"),
					(row.getString("EXIT_MESSAGE") != null) ? row.getString("EXIT_MESSAGE") : "", false, "",
					ExecutionSummary.firstLine(JobOutputs.summary(context(row)))));
		}, ids.toArray());
		return ended;
	}

	/** The job execution's context as Spring Batch's DAO reads it: the long column when set, else the short one. */
	private static ExecutionContext context(ResultSet row) throws SQLException {
		String serialized = row.getString("SERIALIZED_CONTEXT");
		if (serialized == null) {
			serialized = row.getString("SHORT_CONTEXT");
		}
		if (serialized == null) {
			return new ExecutionContext();
		}
		try {
			return new ExecutionContext(
					CONTEXTS.deserialize(new ByteArrayInputStream(serialized.getBytes(StandardCharsets.UTF_8))));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the context of a job execution: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable LocalDateTime localDateTime(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

}
