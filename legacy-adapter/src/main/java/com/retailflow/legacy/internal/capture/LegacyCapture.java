package com.retailflow.legacy.internal.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.retailflow.legacy.internal.LegacyDatabase;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Installs and removes change capture on the legacy MariaDB: the {@code rf_change} table and the triggers on the
 * synced tables, as versioned Flyway migrations ({@code classpath:legacy-capture}) with their own history table,
 * {@code rf_capture_history}, so the legacy database shows exactly which capture version it carries.
 *
 * <p>Removal runs {@code legacy-capture-removal.sql}, the same script {@code scripts/legacy-capture.sh remove}
 * runs; it is not Flyway's {@code clean}, which would drop the legacy shop's own tables too.
 */
@Component
public class LegacyCapture {

	/** The tables whose changes are captured. */
	public static final List<String> TABLES = List.of("categories", "products", "stock", "customers", "orders",
			"order_items");

	/** Each captured table has an AFTER INSERT, an AFTER UPDATE and an AFTER DELETE trigger, named {@code rf_…}. */
	public static final int TRIGGERS = TABLES.size() * 3;

	static final String HISTORY_TABLE = "rf_capture_history";
	static final String REMOVAL_SCRIPT = "legacy-capture-removal.sql";

	private static final Logger log = LoggerFactory.getLogger(LegacyCapture.class);

	private final LegacyDatabase legacy;

	LegacyCapture(LegacyDatabase legacy) {
		this.legacy = legacy;
	}

	/**
	 * Brings capture to the latest version; does nothing when it is there already. Flyway serialises concurrent
	 * calls with a MariaDB named lock, so several instances starting at once install it once.
	 *
	 * @return the number of migrations applied
	 */
	public int install() {
		var result = Flyway.configure(LegacyCapture.class.getClassLoader())
			.dataSource(legacy.dataSource())
			.locations("classpath:legacy-capture")
			.table(HISTORY_TABLE)
			// The legacy database is not empty and has no history table: start history below V1.
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.createSchemas(false)
			.load()
			.migrate();
		if (result.migrationsExecuted > 0) {
			log.info("Legacy change capture installed at version {} ({} migrations applied)",
					result.targetSchemaVersion, result.migrationsExecuted);
		}
		return result.migrationsExecuted;
	}

	/** Drops the triggers, the change table and the capture history. Legacy tables and rows stay as they are. */
	public void remove() {
		try (Connection connection = legacy.dataSource().getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(REMOVAL_SCRIPT, LegacyCapture.class.getClassLoader()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not remove legacy change capture", ex);
		}
		log.info("Legacy change capture removed");
	}

	/** Whether the change table exists, i.e. capture is installed. */
	public boolean installed() {
		return legacy.jdbc()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'rf_change'")
			.query(Long.class)
			.single() == 1;
	}
}
