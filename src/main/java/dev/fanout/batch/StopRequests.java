package dev.fanout.batch;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether someone asked a running step's execution to stop, for work that runs long between two commits (a naive
 * factorization near its limit takes minutes). Spring Batch marks a step terminate-only only when it saves its
 * progress; this reads the job's status from the repository instead, so a stop from any process (the CLI, the API, a
 * signal, the scheduler) is seen within about {@code interval} whatever the work in hand.
 */
@Component
public class StopRequests {

	private final JdbcTemplate jdbc;

	private final String status;

	/**
	 * The reads run outside the step's transaction: one made in it would keep the connection it takes until the
	 * commit, through the long work that asks ({@link ConnectionsOnDemand}).
	 */
	private final TransactionTemplate outside;

	public StopRequests(DataSource dataSource, PlatformTransactionManager transactionManager, Environment environment) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.outside = new TransactionTemplate(transactionManager);
		this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.status = "select STATUS from %sJOB_EXECUTION where JOB_EXECUTION_ID = ?"
			.formatted(BatchTables.prefix(environment));
	}

	/**
	 * A check for one step execution: true once it is terminate-only or its job is STOPPING. It reads the repository
	 * at most once per {@code interval} (cheap enough to ask every few million iterations). Not thread-safe: each
	 * check belongs to the thread that runs the step.
	 */
	public BooleanSupplier of(StepExecution step, Duration interval) {
		long every = interval.toNanos();
		return new BooleanSupplier() {

			private long next = System.nanoTime() + every;

			private boolean asked;

			@Override
			public boolean getAsBoolean() {
				if (this.asked || step.isTerminateOnly()) {
					return true;
				}
				long now = System.nanoTime();
				if (now - this.next < 0) {
					return false;
				}
				this.next = now + every;
				this.asked = stopping(step.getJobExecutionId());
				return this.asked;
			}

		};
	}

	private boolean stopping(long jobExecutionId) {
		try {
			return BatchStatus.STOPPING.name().equals(this.outside
				.execute((transaction) -> this.jdbc.queryForObject(this.status, String.class, jobExecutionId)));
		}
		catch (DataAccessException ex) {
			// The commit that follows the work will see the stop, or fail on the same repository.
			return false;
		}
	}

}
