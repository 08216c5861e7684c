package dev.fanout.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Records every execution on its owner record as it starts, so its heartbeat runs while it runs. Registered on every
 * job by {@link RecoveryConfiguration}. A failure to record is logged, never thrown: it must not fail the job.
 */
class OwnerListener implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(OwnerListener.class);

	/** Resolved when a job starts: jobs are created before the job operator that the claims need. */
	private final ObjectProvider<ExecutionClaims> claims;

	OwnerListener(ObjectProvider<ExecutionClaims> claims) {
		this.claims = claims;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		try {
			this.claims.getObject().attach(execution);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the owner of execution {}: {}", execution.getId(), ex.getMessage());
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			this.claims.getObject().ended(execution);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the owner of execution {}: {}", execution.getId(), ex.getMessage());
		}
	}

}
