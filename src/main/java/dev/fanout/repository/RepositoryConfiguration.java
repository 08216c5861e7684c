package dev.fanout.repository;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

import dev.fanout.core.FanoutProperties;

/**
 * The embedded job repository: H2 under {@code <data-dir>/repository}, hosted by its own server process and shared
 * safely by every Fanout process of this machine. Boot's own data source (PostgreSQL, or any database) takes over
 * when {@code spring.datasource.url} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RepositoryProperties.class)
class RepositoryConfiguration {

	@Bean
	@Conditional(NoDataSourceUrl.class)
	EmbeddedRepository embeddedRepository(FanoutProperties fanout, RepositoryProperties properties) {
		return new EmbeddedRepository(properties.client(RepositoryFiles.of(fanout.dataDir())));
	}

	@Bean
	@Conditional(NoDataSourceUrl.class)
	@ConfigurationProperties("spring.datasource.hikari")
	RepositoryDataSource dataSource(EmbeddedRepository repository) throws IOException {
		return new RepositoryDataSource(repository.client());
	}

	/**
	 * PostgreSQL's answers bounded as the embedded server's are, by {@code fanout.repository.network-timeout}: pgjdbc
	 * waits for ever on a read by default ({@code socketTimeout=0}), so a database that stopped answering without
	 * closing the connection (a frozen server or machine, a network that drops packets) held every request, command
	 * and job that used it. Before the pool starts, after Boot bound its settings: a {@code socketTimeout} the operator
	 * gave in {@code spring.datasource.hikari.data-source-properties} stays, and one in the URL wins (pgjdbc prefers
	 * it). Its connection and login are bounded already (pgjdbc's {@code connectTimeout}, 10 s; the login by Hikari's
	 * {@code connection-timeout}); its query timeout and {@code statement_timeout} are the server's, which a stalled
	 * server does not enforce.
	 */
	@Bean
	static BeanPostProcessor postgresNetworkTimeout(ObjectProvider<RepositoryProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				// Only PostgreSQL's pool gets a bound (boundPostgresAnswers): another database's is left alone.
				if (bean instanceof HikariDataSource pool && !(bean instanceof RepositoryDataSource)
						&& pool.getJdbcUrl() != null) {
					properties.getObject().boundPostgresAnswers(pool.getJdbcUrl(), pool.getDataSourceProperties());
				}
				return bean;
			}

		};
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
