package dev.fanout.batch;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.support.SqlPagingQueryProviderFactoryBean;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a job instance's partitions take in and give back, as rows of Fanout's table {@code FANOUT_PARTITION_DATA}
 * beside Spring Batch's (schema scripts in {@code dev/fanout/repository}): a partition that runs in another process
 * (a {@code fanout worker}) needs only the database, and the same rows serve partitions that run in this JVM.
 * <p>
 * A row belongs to a {@link Dataset} (an instance's named set, e.g. factorize's {@code numbers}), a shard (the
 * partition that reads or wrote it) and a sequence number that orders the dataset. A partition's writer inserts its
 * rows in its chunk's transaction, the one that saves the step's progress: a restart after any failure, kill -9
 * included, neither loses a row nor writes one twice. Rows are deleted when the instance completes
 * ({@link #deletedOnCompletion()}), or when it is pruned.
 */
@Component
public class PartitionData {

	static final String TABLE = "FANOUT_PARTITION_DATA";

	private static final String INSERT = "insert into " + TABLE
			+ " (JOB_INSTANCE_ID, DATASET, SHARD, SEQ, CONTENT) values (?, ?, ?, ?, ?)";

	/** Rows per batch of a plan's inserts, and per page of a reader. */
	private static final int BATCH = 1000;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public PartitionData(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(BATCH);
		this.transactions = new TransactionTemplate(transactionManager);
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
			Object[][] batch = new Object[BATCH][];
			int size = 0;
			while (rows.hasNext()) {
				Row row = rows.next();
				batch[size++] = new Object[] { dataset.instance(), dataset.name(), row.shard(), row.seq(),
						row.content() };
				if (size == BATCH || !rows.hasNext()) {
					this.jdbc.batchUpdate(INSERT, Arrays.asList(batch).subList(0, size));
					size = 0;
				}
			}
		});
	}

	/**
	 * A reader of one shard's rows in sequence order, a page at a time, as {@code mapper} makes them (sequence number,
	 * content) into items.
	 * Restartable: its position is saved in the step's context with each chunk, and a restart reads on from there.
	 * Declare it step-scoped, with a return type that is an {@code ItemStream}, so that the step opens and saves it.
	 */
	public <T> JdbcPagingItemReader<T> reader(Dataset dataset, int shard, BiFunction<Long, String, T> mapper) {
		SqlPagingQueryProviderFactoryBean query = new SqlPagingQueryProviderFactoryBean();
		query.setDataSource(this.dataSource);
		query.setSelectClause("SEQ, CONTENT");
		query.setFromClause(TABLE);
		query.setWhereClause("JOB_INSTANCE_ID = :instance and DATASET = :dataset and SHARD = :shard");
		query.setSortKey("SEQ");
		JdbcPagingItemReader<T> reader = new JdbcPagingItemReader<>(this.dataSource, getObject(query));
		reader.setName(dataset.name() + "-" + shard);
		reader.setParameterValues(Map.of("instance", dataset.instance(), "dataset", dataset.name(), "shard", shard));
		reader.setPageSize(BATCH);
		reader.setRowMapper((resultSet, rowNumber) -> mapper.apply(resultSet.getLong("SEQ"),
				resultSet.getString("CONTENT")));
		try {
			reader.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return reader;
	}

	/** A writer of items as rows of one shard, inserted in the chunk's transaction. */
	public <T> ItemWriter<T> writer(Dataset dataset, int shard, ToLongFunction<T> seq, Function<T, String> content) {
		JdbcBatchItemWriter<T> writer = new JdbcBatchItemWriter<>();
		writer.setDataSource(this.dataSource);
		writer.setSql(INSERT);
		writer.setItemPreparedStatementSetter((item, statement) -> {
			statement.setLong(1, dataset.instance());
			statement.setString(2, dataset.name());
			statement.setInt(3, shard);
			statement.setLong(4, seq.applyAsLong(item));
			statement.setString(5, content.apply(item));
		});
		writer.afterPropertiesSet();
		return writer;
	}

	/** Streams a dataset's rows, all shards, in sequence order, to {@code each}; call it in a transaction. */
	public void forEachInOrder(Dataset dataset, RowHandler each) {
		this.jdbc.query("select SEQ, CONTENT from " + TABLE
				+ " where JOB_INSTANCE_ID = ? and DATASET = ? order by SEQ", (resultSet) -> {
					try {
						each.handle(resultSet.getLong(1), resultSet.getString(2));
					}
					catch (Exception ex) {
						throw new RowHandlingException(ex);
					}
				}, dataset.instance(), dataset.name());
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

	private void delete(Dataset dataset) {
		this.jdbc.update("delete from " + TABLE + " where JOB_INSTANCE_ID = ? and DATASET = ?", dataset.instance(),
				dataset.name());
	}

	private static <T> T getObject(FactoryBean<T> factory) {
		try {
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Takes one row of {@link #forEachInOrder}. */
	@FunctionalInterface
	public interface RowHandler {

		void handle(long seq, String content) throws Exception;

	}

	/** A row handler's failure, carried out of the JDBC callback; its cause is the handler's exception. */
	public static final class RowHandlingException extends RuntimeException {

		RowHandlingException(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

}
