package dev.fanout.launch;

import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.core.CommandFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused launches in each surface's words: the CLI's advice ({@code --new}, {@code fanout history}) means nothing to
 * an API client or on the dashboard, which start a fresh instance and list executions their own way.
 */
class LaunchConflictsTests {

	private final JobRepository repository = repository(new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("/org/springframework/batch/core/schema-h2.sql")
		.build());

	/** Only the refusals of running executions ask who owns them; these do not. */
	private final LaunchConflicts conflicts = new LaunchConflicts(this.repository, null);

	@Test
	void aCompletedInstanceIsRefusedWithEachSurfacesWayToAFreshOne() {
		JobParameters parameters = UniqueJobParameters.of("numbers", "12");
		JobExecution completed = RepositoryFixtures.execution(this.repository, "factorize", parameters,
				BatchStatus.COMPLETED, LocalDateTime.now());

		CommandFailure refused = this.conflicts.completedRefusal("factorize", parameters);

		String refusal = "factorize with these parameters already completed in execution %d; ".formatted(completed.getId());
		assertThat(refused.kind()).isEqualTo(CommandFailure.Kind.CONFLICT);
		assertThat(refused.getMessage()).isEqualTo(refusal + "run it with --new for a fresh instance, or change a parameter");
		assertThat(refused.apiMessage())
			.isEqualTo(refusal + "send \"newInstance\": true for a fresh instance, or change a parameter");
		assertThat(refused.pageMessage()).isEqualTo(refusal + "tick \"new instance\" for a fresh instance, or change a parameter");
	}

	@Test
	void anAbandonedInstanceIsRefusedWithEachSurfacesWayToAFreshOne() {
		JobParameters parameters = UniqueJobParameters.of("numbers", "14");
		RepositoryFixtures.execution(this.repository, "factorize", parameters, BatchStatus.ABANDONED, LocalDateTime.now());

		CommandFailure refused = this.conflicts.completedRefusal("factorize", parameters);

		assertThat(refused.getMessage()).contains("an abandoned instance never runs again; run it with --new");
		assertThat(refused.apiMessage()).contains("an abandoned instance never runs again; send \"newInstance\": true")
			.doesNotContain("--new");
	}

	@Test
	void aRacedLaunchSaysWhereEachSurfaceListsTheOther() {
		CommandFailure refused = this.conflicts.racedRefusal("life");

		assertThat(refused.getMessage()).endsWith("; 'fanout history life' shows it");
		assertThat(refused.apiMessage()).endsWith("; GET /api/executions?job=life shows it");
		assertThat(refused.pageMessage()).endsWith("; the executions list shows it");
	}

	private static JobRepository repository(DataSource dataSource) {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
		try {
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
