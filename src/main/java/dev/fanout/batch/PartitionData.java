package dev.fanout.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

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
 * the transaction that saves its progress (its position, in the step's context): a restart after any failure, kill
 * -9 included, neither loses a row nor writes one twice. Rows are deleted when the instance completes
 * ({@link #deletedOnCompletion()}), or when it is pruned.
 */
@Component
public class PartitionData {

	static final String TABLE = "FANOUT_PARTITION_DATA";

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
