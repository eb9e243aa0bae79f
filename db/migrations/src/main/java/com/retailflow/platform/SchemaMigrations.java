package com.retailflow.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SortedSet;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Runs one Flyway per module schema instead of Boot's single Flyway.
 *
 * <p>Each folder {@code db/migrations/<schema>/} on the classpath is one schema, migrated with its own
 * history table inside that schema. A module's schema can therefore be versioned, baselined or dropped
 * without touching another module's history — the database mirrors the module boundaries.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
public class SchemaMigrations {

	static final String ROOT = "db/migrations";

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

	@Bean
	FlywayMigrationStrategy schemaPerModuleMigrationStrategy() {
		return base -> {
			for (String schema : schemas()) {
				var result = Flyway.configure(base.getConfiguration().getClassLoader())
					.configuration(base.getConfiguration())
					.schemas(schema)
					.defaultSchema(schema)
					.createSchemas(true)
					.locations("classpath:" + ROOT + "/" + schema)
					.load()
					.migrate();
				log.info("Schema {} at version {} ({} migrations applied)", schema, result.targetSchemaVersion,
						result.migrationsExecuted);
			}
		};
	}

	/** Schemas in name order; there are no cross-schema foreign keys, so order does not matter. */
	static SortedSet<String> schemas() {
		try {
			SortedSet<String> schemas = new TreeSet<>();
			for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath*:" + ROOT + "/*/*.sql")) {
				String path = script.getURL().toString();
				String folder = path.substring(0, path.lastIndexOf('/'));
				schemas.add(folder.substring(folder.lastIndexOf('/') + 1));
			}
			return schemas;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + ROOT, ex);
		}
	}
}
