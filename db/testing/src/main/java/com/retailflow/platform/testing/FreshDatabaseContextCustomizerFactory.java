package com.retailflow.platform.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at its own new PostgreSQL database (and a MariaDB one for
 * {@link FreshLegacyDatabase} tests). Registered in {@code META-INF/spring.factories}, so any module that has
 * this artifact on its test classpath gets real, isolated databases without further ceremony.
 */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		return new FreshDatabases(MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(FreshLegacyDatabase.class));
	}

	/** A record so that equal configurations share one cached context (and its database). */
	record FreshDatabases(boolean legacy) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new HashMap<>();
			var postgres = TestDatabases.newPostgres();
			properties.put("spring.datasource.url", postgres.jdbcUrl());
			properties.put("spring.datasource.username", postgres.username());
			properties.put("spring.datasource.password", postgres.password());
			if (legacy) {
				var mariadb = TestDatabases.newMariaDb();
				properties.put("retailflow.legacy.datasource.url", mariadb.jdbcUrl());
				properties.put("retailflow.legacy.datasource.username", mariadb.username());
				properties.put("retailflow.legacy.datasource.password", mariadb.password());
				properties.put("retailflow.legacy.datasource.name", mariadb.name());
				properties.put("retailflow.legacy.datasource.host", mariadb.host());
				properties.put("retailflow.legacy.datasource.port", mariadb.port());
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("retailflow-test-databases", properties));
			// Spring caches test contexts, each with its pools: idle connections are given back after a few seconds,
			// so a module's cached contexts do not hold the server's connection limit between them. Lowest precedence:
			// a test that sizes its pool keeps its own figures.
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("retailflow-test-pools",
						Map.of("spring.datasource.hikari.minimum-idle", 1, "spring.datasource.hikari.idle-timeout", 10_000)));
		}
	}
}
