package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.platform.testing.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place the adapter's tests name the data source properties: a test context, or an application process a
 * test starts, pointed at the test's own legacy MariaDB (and, where a test brings its own, PostgreSQL) database.
 */
public final class TestDataSources {

	private TestDataSources() {
	}

	/** For a {@code @DynamicPropertySource}: the adapter reads this legacy database. */
	public static void legacy(DynamicPropertyRegistry registry, TestDatabases.Database legacy) {
		legacyProperties(legacy).forEach((name, value) -> registry.add(name, () -> value));
	}

	/** For a {@code @DynamicPropertySource}: the application's own PostgreSQL is this database. */
	public static void postgres(DynamicPropertyRegistry registry, TestDatabases.Database postgres) {
		postgresProperties(postgres).forEach((name, value) -> registry.add(name, () -> value));
	}

	/** Command-line arguments for an application process on these databases. */
	public static List<String> arguments(TestDatabases.Database postgres, TestDatabases.Database legacy) {
		List<String> arguments = new ArrayList<>();
		postgresProperties(postgres).forEach((name, value) -> arguments.add("--" + name + "=" + value));
		legacyProperties(legacy).forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return arguments;
	}

	private static Map<String, String> legacyProperties(TestDatabases.Database legacy) {
		return properties("retailflow.legacy.datasource", legacy);
	}

	private static Map<String, String> postgresProperties(TestDatabases.Database postgres) {
		return properties("spring.datasource", postgres);
	}

	private static Map<String, String> properties(String prefix, TestDatabases.Database database) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(prefix + ".url", database.jdbcUrl());
		properties.put(prefix + ".username", database.username());
		properties.put(prefix + ".password", database.password());
		return properties;
	}
}
