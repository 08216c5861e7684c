package dev.fanout.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * A step records its end as Spring Batch's {@code AbstractStep} does: its row, then its context, then again after its
 * listeners. What reaches the repository, and in how many transactions.
 */
class UnchangedWritesTests {

	private final JobRepository repository = mock(JobRepository.class);

	/** What reached the repository, in order, each with the transaction it ran in. */
	private final List<String> written = new ArrayList<>();

	private int transactions;

	private final JobRepository writes = UnchangedWrites.around(this.repository, () -> new CountedTransactions());

	private final StepExecution step = ended();

	UnchangedWritesTests() {
		willAnswer((call) -> this.written.add("row " + call.<StepExecution>getArgument(0).getExitStatus().getExitCode()
				+ " in " + this.transactions)).given(this.repository).update(any(StepExecution.class));
		willAnswer((call) -> this.written.add("context " + call.<StepExecution>getArgument(0).getExecutionContext()
				+ " in " + this.transactions)).given(this.repository).updateExecutionContext(any(StepExecution.class));
	}

	@AfterEach
	void noTransactionLeft() {
		TransactionSynchronizationManager.setActualTransactionActive(false);
	}

	@Test
	void anEndedStepsFourWritesAreOneTransaction() {
		this.step.getExecutionContext().putLong("read", 40);

		endAsSpringBatchDoes(() -> {
		});

		assertThat(this.written).containsExactly("row COMPLETED in 1", "context {read=40} in 1");
		assertThat(this.transactions).isEqualTo(1);
	}

	@Test
	void whatAListenerChangesIsWrittenAndNothingElse() {
		endAsSpringBatchDoes(() -> this.step.setExitStatus(new ExitStatus("NOOP")));

		assertThat(this.written).containsExactly("row COMPLETED in 1", "context {} in 1", "row NOOP in 2");
	}

	@Test
	void aContextChangedInPlaceIsWrittenThoughItIsNotMarkedDirty() {
		List<String> files = new ArrayList<>(List.of("a"));
		this.step.getExecutionContext().put("files", files);

		endAsSpringBatchDoes(() -> files.add("b")); // no put: the context's dirty flag stays down

		assertThat(this.written).containsExactly("row COMPLETED in 1", "context {files=[a]} in 1",
				"context {files=[a, b]} in 2");
	}

	@Test
	void aWriteThatFailedIsNotTakenAsCommitted() {
		willAnswer((call) -> {
			throw new DataAccessResourceFailureException("the server stopped");
		}).willAnswer((call) -> this.written.add("row")).given(this.repository).update(any(StepExecution.class));

		assertThatThrownBy(() -> this.writes.update(this.step)).isInstanceOf(DataAccessResourceFailureException.class);
		this.writes.update(this.step);

		assertThat(this.written).containsExactly("row", "context {} in 2");
	}

	@Test
	void writesInACallersTransactionGoThroughAndWhatWasCommittedBeforeThemIsForgotten() {
		this.writes.update(this.step);
		TransactionSynchronizationManager.setActualTransactionActive(true); // a chunk's: it may commit or roll back
		this.step.setExitStatus(new ExitStatus("NOOP"));
		this.writes.update(this.step);
		TransactionSynchronizationManager.setActualTransactionActive(false);
		this.step.setExitStatus(ExitStatus.COMPLETED);

		this.writes.update(this.step);

		assertThat(this.written).containsExactly("row COMPLETED in 1", "context {} in 1", "row NOOP in 1",
				"row COMPLETED in 2", "context {} in 2");
	}

	@Test
	void aRunningStepsWritesGoThrough() {
		StepExecution running = new StepExecution(8, "factorizeWorker", this.step.getJobExecution());

		this.writes.update(running);
		this.writes.update(running);

		assertThat(this.written).containsExactly("row EXECUTING in 0", "row EXECUTING in 0");
	}

	@Test
	void anotherStepsWritesAreNotSkipped() {
		StepExecution other = ended();

		this.writes.update(this.step);
		this.writes.update(other);

		assertThat(this.written).containsExactly("row COMPLETED in 1", "context {} in 1", "row COMPLETED in 2",
				"context {} in 2");
	}

	/** AbstractStep's end: row and context before the listeners' afterStep, and again after it. */
	private void endAsSpringBatchDoes(Runnable afterStep) {
		this.writes.update(this.step);
		this.writes.updateExecutionContext(this.step);
		afterStep.run();
		this.writes.update(this.step);
		this.writes.updateExecutionContext(this.step);
	}

	private static StepExecution ended() {
		JobExecution job = new JobExecution(6, new JobInstance(4, "factorize"), new JobParameters());
		StepExecution step = new StepExecution(7, "factorizeMerge", job);
		step.setStartTime(LocalDateTime.now());
		step.setStatus(BatchStatus.COMPLETED);
		step.setExitStatus(ExitStatus.COMPLETED);
		step.setEndTime(LocalDateTime.now());
		return step;
	}

	/** Counts the transactions begun, and marks each as active while it runs. */
	private final class CountedTransactions implements TransactionOperations {

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			UnchangedWritesTests.this.transactions++;
			TransactionSynchronizationManager.setActualTransactionActive(true);
			try {
				TransactionStatus status = new SimpleTransactionStatus();
				return action.doInTransaction(status);
			}
			finally {
				TransactionSynchronizationManager.setActualTransactionActive(false);
			}
		}

	}

}
