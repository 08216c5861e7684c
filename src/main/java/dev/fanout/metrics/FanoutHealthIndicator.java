package dev.fanout.metrics;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.fanout.recovery.Orphans;

/**
 * The {@code fanout} health component: UP, with the orphaned executions (left running by a dead process) as
 * details. Orphans do not make the server unhealthy, they need an operator's {@code recover}: restarting the server
 * would not help.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FanoutHealthIndicator implements HealthIndicator {

	private final Orphans orphans;

	FanoutHealthIndicator(Orphans orphans) {
		this.orphans = orphans;
	}

	@Override
	public Health health() {
		List<JobExecution> found = this.orphans.all();
		return Health.up()
			.withDetail("orphanedExecutions", found.stream().map(JobExecution::getId).toList())
			.withDetail("recover", found.isEmpty() ? "" : "POST /api/executions/{id}/recover, or 'fanout recover --orphans'")
			.build();
	}

}
