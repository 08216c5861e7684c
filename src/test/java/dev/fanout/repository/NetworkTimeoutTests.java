package dev.fanout.repository;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import com.zaxxer.hikari.HikariDataSource;

import dev.fanout.core.InvalidSetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code fanout.repository.network-timeout} on PostgreSQL: pgjdbc's {@code socketTimeout}, in whole seconds, unless the
 * operator gave one. (On the embedded repository it is H2's {@code NETWORK_TIMEOUT}, which
 * {@code ServeProcessTests} stalls the server against.)
 */
class NetworkTimeoutTests {

	@Test
	void aPostgresPoolGetsTheTimeoutAsSocketTimeoutRoundedUpToWholeSeconds() {
		HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/test");

		postProcessed(pool, Duration.ofMillis(1500));

		assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "2");
	}

	@Test
	void aSocketTimeoutTheOperatorGaveStays() {
		HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/test");
		pool.addDataSourceProperty("socketTimeout", "120");

		postProcessed(pool, Duration.ofSeconds(30));

		assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "120");
	}

	@Test
	void anotherDatabaseIsLeftAlone() {
		HikariDataSource pool = pool("jdbc:h2:mem:other");

		postProcessed(pool, Duration.ofSeconds(30));

		assertThat(pool.getDataSourceProperties()).doesNotContainKey("socketTimeout");
	}

	@Test
	void aNegativeTimeoutIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSetting.class)
			.isThrownBy(() -> new RepositoryProperties(Duration.ofSeconds(60), Duration.ofSeconds(60), "256m", Duration.ofSeconds(-1)))
			.withMessageContaining("fanout.repository.network-timeout");
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		return pool;
	}

	private static void postProcessed(HikariDataSource pool, Duration networkTimeout) {
		RepositoryProperties properties = new RepositoryProperties(Duration.ofSeconds(60), Duration.ofSeconds(60), "256m", networkTimeout);
		BeanPostProcessor postProcessor = RepositoryConfiguration.postgresNetworkTimeout(
				new StaticListableBeanFactory(Map.of("properties", properties)).getBeanProvider(RepositoryProperties.class));
		assertThat(postProcessor.postProcessBeforeInitialization(pool, "dataSource")).isSameAs(pool);
	}

}
