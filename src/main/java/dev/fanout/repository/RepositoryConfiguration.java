package dev.fanout.repository;

import java.io.IOException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

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
		return new EmbeddedRepository(
				RepositoryClient.of(RepositoryFiles.of(fanout.dataDir()), properties.serverProcess()));
	}

	@Bean
	@Conditional(NoDataSourceUrl.class)
	@ConfigurationProperties("spring.datasource.hikari")
	RepositoryDataSource dataSource(EmbeddedRepository repository) throws IOException {
		return new RepositoryDataSource(repository.client());
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
