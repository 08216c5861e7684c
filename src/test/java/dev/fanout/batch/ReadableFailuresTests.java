package dev.fanout.batch;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableFailuresTests {

	@Test
	void aFailedJobsDescriptionIsTheMessagesOfItsRootCauses() {
		JobExecution execution = failed(new IllegalStateException("step failed",
				new IllegalArgumentException("cannot read numbers.txt: no such file")));

		new ReadableFailures().afterJob(execution);

		assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("cannot read numbers.txt: no such file");
	}

	/** H2's own text advises DB_CLOSE_ON_EXIT, which does not apply to a repository server that went away. */
	@Test
	void aConnectionToTheRepositoryLostInAStepIsSaidInASentenceNotInTheDriversWords() {
		JobExecution execution = failed(new DataAccessResourceFailureException("PreparedStatementCallback",
				new SQLNonTransientConnectionException("Database is already closed (to disable automatic closing at VM "
						+ "shutdown, add \";DB_CLOSE_ON_EXIT=FALSE\" to the db URL)", "90121")));

		new ReadableFailures().afterJob(execution);

		assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("the connection to the job repository "
				+ "was lost (its server stopped, or did not answer within fanout.repository.network-timeout, or the "
				+ "database is out of reach)");
	}

	@Test
	void aRefusedLoginIsNotALostConnection() {
		assertThat(ConnectionFailures.of(new SQLException("FATAL: password authentication failed", "28P01")))
			.contains(ConnectionFailures.Kind.LOGIN_REFUSED);
		assertThat(ConnectionFailures.lost(new SQLException("connection refused", "08001"))).isTrue();
		// A pool's timeout without a cause is a busy pool, not a lost repository.
		assertThat(ConnectionFailures.of(new java.sql.SQLTransientConnectionException("request timed out"))).isEmpty();
	}

	private static JobExecution failed(Throwable stepFailure) {
		JobExecution execution = new JobExecution(1, new JobInstance(1, "factorize"), new JobParameters());
		execution.setStatus(BatchStatus.FAILED);
		StepExecution step = new StepExecution(2, "factorizeWorker:partition0", execution);
		step.addFailureException(stepFailure);
		execution.addStepExecutions(java.util.List.of(step));
		return execution;
	}

}
