package dev.fanout.web.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/**
 * Which actions an execution's state allows, so that the detail page shows only those buttons and the action
 * endpoints refuse the others: stop a STARTING or STARTED execution that its process still runs; restart the last
 * execution of its instance when FAILED or STOPPED; recover an orphaned one; abandon a FAILED or STOPPED one.
 */
@Component
class AllowedActions {

	private final JobRepository jobRepository;

	private final Orphans orphans;

	AllowedActions(JobRepository jobRepository, Orphans orphans) {
		this.jobRepository = jobRepository;
		this.orphans = orphans;
	}

	/** The buttons of one execution. */
	public record Actions(boolean stop, boolean restart, boolean recover, boolean abandon) {

		public boolean any() {
			return this.stop || this.restart || this.recover || this.abandon;
		}

		/** The allowed actions' names, for the hint shown to a visitor who is not the operator. */
		public String names() {
			List<String> names = new ArrayList<>();
			for (String action : List.of("stop", "restart", "recover", "abandon")) {
				if (allows(action)) {
					names.add(action);
				}
			}
			return String.join(", ", names);
		}

		public boolean allows(String action) {
			return switch (action) {
				case "stop" -> this.stop;
				case "restart" -> this.restart;
				case "recover" -> this.recover;
				case "abandon" -> this.abandon;
				default -> false;
			};
		}

	}

	Actions of(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		boolean leftRunning = Orphans.needsRecovery(execution);
		Ownership ownership = leftRunning ? this.orphans.of(execution) : null;
		boolean orphaned = ownership != null && ownership.orphaned();
		boolean ended = (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) && !leftRunning;
		JobExecution last = ended ? this.jobRepository.getLastJobExecution(execution.getJobInstance()) : null;
		boolean lastOfInstance = last == null || last.getId() == execution.getId();
		return new Actions((status == BatchStatus.STARTING || status == BatchStatus.STARTED) && !orphaned,
				ended && lastOfInstance, orphaned, ended);
	}

}
