package dev.fanout;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A job repository with Fanout's tables (Spring Batch's and its own) in a {@link PostgresSchema}, as processes share
 * it, without an application context: Spring Batch's JDBC repository over a small pool. For fast tests of what
 * several processes do to one repository. {@link #close()} drops the schema.
 */
public final class PostgresRepository implements AutoCloseable {

	public final PostgresSchema schema;

	public final HikariDataSource dataSource = new HikariDataSource();

	public final JdbcTransactionManager transactions;

	public final JobRepository jobRepository;

	public final JdbcTemplate jdbc;

	/**
	 * @param prefix the schema's name prefix
	 * @param connections the pool's size: as many as the test's threads use at once
	 */
	public PostgresRepository(String prefix, int connections) throws Exception {
		this.schema = PostgresSchema.create(prefix);
		try {
			this.dataSource.setJdbcUrl(this.schema.url());
			this.dataSource.setUsername(PostgresSchema.USER);
			this.dataSource.setMaximumPoolSize(connections);
			new ResourceDatabasePopulator(new ClassPathResource("dev/fanout/repository/schema-postgresql.sql"))
				.execute(this.dataSource);
			this.transactions = new JdbcTransactionManager(this.dataSource);
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(this.dataSource);
			factory.setTransactionManager(this.transactions);
			factory.afterPropertiesSet();
			this.jobRepository = factory.getObject();
			this.jdbc = new JdbcTemplate(this.dataSource);
		}
		catch (Exception | Error ex) {
			close();
			throw ex;
		}
	}

	@Override
	public void close() throws Exception {
		try {
			this.dataSource.close();
		}
		finally {
			this.schema.close();
		}
	}

}
