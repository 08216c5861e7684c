package dev.fanout.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a job instance's partitions take in and give back, as rows of Fanout's table {@code FANOUT_PARTITION_DATA}
 * beside Spring Batch's (schema scripts in {@code dev/fanout/repository}): a partition that runs in another process
 * (a {@code fanout worker}) needs only the database, and the same rows serve partitions that run in this JVM.
 * <p>
 * A row belongs to a {@link Dataset} (an instance's named set, e.g. factorize's {@code numbers}), a shard (the
 * partition that reads or wrote it) and a sequence number that orders the dataset. A partition inserts its rows in
 * the transaction that saves its progress (its position, in the step's context, or the rows of work it has done,
 * updated or deleted): a restart after any failure, kill -9 included, neither loses a row nor writes one twice. Rows
 * are deleted when the instance completes ({@link #deletedOnCompletion()}), or when it is pruned.
 * <p>
 * Rows written to the shard {@link #UNCLAIMED}, numbered by the work before them, are a work queue: partitions
 * {@link #claim} the next of them as they free up, in whatever process they run, instead of each being handed a fixed
 * share before the run.
 */
@Component
public class PartitionData {

	static final String TABLE = "FANOUT_PARTITION_DATA";

	/** The shard of the rows of a work queue that no partition has claimed yet. */
	public static final int UNCLAIMED = -1;

	/** Rows per insert statement. */
	private static final int BATCH = 500;

	/** An insert statement takes no further row once its rows hold this many characters. */
	private static final int BATCH_CHARS = 1 << 20;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/** Statements outside the caller's transaction, on a connection taken for them alone. */
	private final TransactionTemplate outside;

	public PartitionData(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/** A named set of rows of one job instance. */
	public record Dataset(long instance, String name) {

	}

	/** One row: the shard (partition) it belongs to, its place in the dataset, and its content. */
	public record Row(int shard, long seq, String content) {

	}

	/**
	 * Replaces a dataset's rows with these, in one transaction: a plan made again after its process died before it
	 * was saved starts from nothing, never from half of the last try.
	 */
	public void replace(Dataset dataset, Iterator<Row> rows) {
		this.transactions.executeWithoutResult((status) -> {
			delete(dataset);
			List<Row> batch = new ArrayList<>(BATCH);
			while (rows.hasNext()) {
				batch.add(rows.next());
				if (batch.size() == BATCH || !rows.hasNext()) {
					insert(dataset, batch);
					batch.clear();
				}
			}
		});
	}

	/**
	 * Inserts rows, in the caller's transaction if there is one (a step's chunk or tasklet call), with one statement
	 * per {@value #BATCH} rows or {@value #BATCH_CHARS} characters of content: a JDBC batch costs a round trip per row
	 * on H2's client, and the repository is a server in another process, which holds a statement whole in memory.
	 */
	public void insert(Dataset dataset, List<Row> rows) {
		int from = 0;
		while (from < rows.size()) {
			int to = from;
			long chars = 0;
			while (to < rows.size() && to - from < BATCH && (to == from || chars < BATCH_CHARS)) {
				chars += rows.get(to++).content().length();
			}
			insertStatement(dataset, rows.subList(from, to));
			from = to;
		}
	}

	private void insertStatement(Dataset dataset, List<Row> part) {
		Object[] arguments = new Object[part.size() * 5];
		int i = 0;
		for (Row row : part) {
			arguments[i++] = dataset.instance();
			arguments[i++] = dataset.name();
			arguments[i++] = row.shard();
			arguments[i++] = row.seq();
			arguments[i++] = row.content();
		}
		this.jdbc.update("insert into " + TABLE + " (JOB_INSTANCE_ID, DATASET, SHARD, SEQ, CONTENT) values "
				+ String.join(", ", Collections.nCopies(part.size(), "(?, ?, ?, ?, ?)")), arguments);
	}

	/**
	 * Up to {@code limit} rows of one shard from sequence number {@code from} on, in sequence order: a partition's
	 * next piece of work, read in its transaction, or the next page of a shard's results.
	 */
	public List<Row> rows(Dataset dataset, int shard, long from, int limit) {
		return this.jdbc.query("select SEQ, CONTENT from " + TABLE + " where JOB_INSTANCE_ID = ? and DATASET = ? and "
				+ "SHARD = ? and SEQ >= ? order by SEQ fetch first " + limit + " rows only",
				(row, n) -> new Row(shard, row.getLong(1), row.getString(2)), dataset.instance(), dataset.name(), shard,
				from);
	}

	/**
	 * {@link #rows} as committed, read outside the caller's transaction: a partition's input, which was written before
	 * it started and does not change while it runs. A read in a step's transaction would take a pooled connection
	 * that the transaction then keeps until its commit, through all the computation that follows
	 * ({@link ConnectionsOnDemand}); here the connection is given back as soon as the rows are read.
	 */
	public List<Row> committedRows(Dataset dataset, int shard, long from, int limit) {
		return Objects.requireNonNull(this.outside.execute((status) -> rows(dataset, shard, from, limit)));
	}

	/**
	 * Claims for {@code claimant} the next unclaimed rows ({@link #UNCLAIMED}) of a work queue whose rows are numbered by
	 * the work before them (a row's sequence number is the estimated work of the rows taken before it, in the order to
	 * take them, so that {@code work}, the whole queue's, minus the first unclaimed row's number is the work left): a
	 * guided share of what is left, half of it divided by the {@code claimants}, at least one row. Early claims take
	 * several rows for one claim's round trips, the last ones one each, so that the claimants end close together: a
	 * round trip costs a millisecond or more when the repository's server competes for the cores with the work.
	 * <p>
	 * Outside the caller's transaction and committed at once, so that every other claimant, in this process or
	 * another, sees the rows taken. The update takes a row only while it is still unclaimed (both H2 and PostgreSQL
	 * check the condition again after waiting for a row's lock), so two claimants never get the same one. The rows,
	 * now of shard {@code claimant}, are the claimant's until it updates or deletes them, a restart after a failure
	 * included: it reads them with {@link #committedRows}.
	 * @return how many rows were claimed; 0 when none is left
	 */
	public int claim(Dataset dataset, int claimant, int claimants, long work) {
		if (claimant == UNCLAIMED) {
			throw new IllegalArgumentException("a claimant's shard cannot be the unclaimed shard " + UNCLAIMED);
		}
		String unclaimed = "JOB_INSTANCE_ID = ? and DATASET = ? and SHARD = " + UNCLAIMED;
		Integer claimed = this.outside.execute((status) -> {
			while (true) {
				// Auto-committed: there is no transaction here.
				int taken = this.jdbc.update("update " + TABLE + " set SHARD = ? where " + unclaimed
						+ " and SEQ < (select min(SEQ) + greatest((? - min(SEQ)) / ?, 1) from " + TABLE + " where "
						+ unclaimed + ")", claimant, dataset.instance(), dataset.name(), work,
						2L * Math.max(1, claimants), dataset.instance(), dataset.name());
				if (taken > 0 || rows(dataset, UNCLAIMED, Long.MIN_VALUE, 1).isEmpty()) {
					return taken;
				}
				// Another claimant took those rows between this update's look at the first and its lock on them.
			}
		});
		return Objects.requireNonNull(claimed);
	}

	/** Replaces the content of a row, in the caller's transaction: what is left of a piece of work. */
	public void update(Dataset dataset, Row row) {
		this.jdbc.update("update " + TABLE + " set CONTENT = ? where JOB_INSTANCE_ID = ? and DATASET = ? and SEQ = ?",
				row.content(), dataset.instance(), dataset.name(), row.seq());
	}

	/** Deletes rows by sequence number, in the caller's transaction: pieces of work done. */
	public void delete(Dataset dataset, List<Long> seqs) {
		for (int from = 0; from < seqs.size(); from += BATCH) {
			List<Long> part = seqs.subList(from, Math.min(from + BATCH, seqs.size()));
			List<Object> arguments = new ArrayList<>(part.size() + 2);
			arguments.add(dataset.instance());
			arguments.add(dataset.name());
			arguments.addAll(part);
			this.jdbc.update("delete from " + TABLE + " where JOB_INSTANCE_ID = ? and DATASET = ? and SEQ in ("
					+ String.join(", ", Collections.nCopies(part.size(), "?")) + ")", arguments.toArray());
		}
	}

	/** Deletes every row of a job instance, in every dataset. */
	public void deleteInstance(long instance) {
		this.jdbc.update("delete from " + TABLE + " where JOB_INSTANCE_ID = ?", instance);
	}

	/**
	 * A listener that deletes the instance's rows once it has completed; a failed or stopped instance keeps them, as
	 * its restart reads on from them.
	 */
	public JobExecutionListener deletedOnCompletion() {
		return new JobExecutionListener() {

			@Override
			public void afterJob(JobExecution execution) {
				if (execution.getStatus() == BatchStatus.COMPLETED) {
					deleteInstance(execution.getJobInstance().getInstanceId());
				}
			}

		};
	}

	/** Deletes a dataset's rows. */
	public void delete(Dataset dataset) {
		this.jdbc.update("delete from " + TABLE + " where JOB_INSTANCE_ID = ? and DATASET = ?", dataset.instance(),
				dataset.name());
	}

}
