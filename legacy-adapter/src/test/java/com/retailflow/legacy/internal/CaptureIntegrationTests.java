package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.retailflow.legacy.internal.capture.LegacyCapture;
import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Trigger capture on the real legacy shop: every writer is recorded (the shop's checkout page, the price-fix
 * script, a plain SQL session), including writes that bump no timestamp; the adapter's own write-back is not; and
 * the removal command leaves the legacy data as it was.
 */
// Closed after the class: its stream and pools must not keep running (and holding connections) beside later tests.
@DirtiesContext
@SpringBootTest
class CaptureIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(120);

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY.database());
	}

	@Autowired
	LegacyCapture capture;

	@Autowired
	LegacyDatabase legacy;

	@BeforeEach
	void installed() {
		capture.install();
	}

	@Test
	void installIsVersionedAndIdempotent() {
		assertThat(capture.install()).isZero();
		assertThat(capture.installed()).isTrue();
		assertThat(legacy.jdbc()
			.sql("SELECT version FROM rf_capture_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank")
			.query(String.class)
			.list()).containsExactlyElementsOf(versionsAfterBaseline());
		assertThat(triggers()).hasSize(LegacyCapture.TRIGGERS);
	}

	@Test
	void theShopsCheckoutPageIsCaptured() throws Exception {
		long before = lastChangeId();
		var login = LegacyAdapterIntegrationTests.get("/login.php", null);
		String session = LegacyAdapterIntegrationTests.cookie(login, "PHPSESSID");
		var signIn = LegacyAdapterIntegrationTests.post("/login.php", session,
				"email=demo%40example.com&password=demo1234&next=&csrf=" + LegacyAdapterIntegrationTests.csrf(login.body()));
		session = LegacyAdapterIntegrationTests.cookie(signIn, "PHPSESSID");
		var product = LegacyAdapterIntegrationTests.get("/product.php?id=4", session);
		LegacyAdapterIntegrationTests.post("/cart.php", session,
				"action=add&product_id=4&qty=1&csrf=" + LegacyAdapterIntegrationTests.csrf(product.body()));
		var checkout = LegacyAdapterIntegrationTests.get("/checkout.php", session);
		var ordered = LegacyAdapterIntegrationTests.post("/checkout.php", session,
				"ship_name=Capture+Tester&ship_address=1+Trigger+Lane&ship_city=Testville&ship_zip=12345"
						+ "&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=123&csrf="
						+ LegacyAdapterIntegrationTests.csrf(checkout.body()));
		assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(302);
		assertThat(ordered.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/order.php?id="));

		// The checkout decrements stock, a table without any timestamp column.
		assertThat(changesAfter(before)).contains("stock:4:U");
	}

	@Test
	void thePriceFixScriptIsCapturedThoughItBumpsNoTimestamp() throws Exception {
		long before = lastChangeId();
		var updatedAt = legacy.jdbc().sql("SELECT CAST(updated_at AS CHAR) FROM products WHERE id = 9").query(String.class).single();
		var fix = new ProcessBuilder("php", "scripts/price-fix.php", "--sku=SKU-000009", "--price=7.77",
				"--db=" + LEGACY.database().name()).directory(LegacyShop.legacyDirectory().toFile()).redirectErrorStream(true);
		fix.environment().putAll(Map.of("LEGACY_DB_HOST", LEGACY.database().host(), "LEGACY_DB_PORT",
				String.valueOf(LEGACY.database().port()), "LEGACY_DB_USER", LEGACY.database().username(),
				"LEGACY_DB_PASSWORD", LEGACY.database().password()));
		Process process = fix.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("updated 1 product(s)");

		assertThat(legacy.jdbc().sql("SELECT CAST(updated_at AS CHAR) FROM products WHERE id = 9").query(String.class).single())
			.isEqualTo(updatedAt);
		assertThat(changesAfter(before)).containsExactly("products:9:U");
	}

	@Test
	void aPlainSqlSessionIsCapturedAndTheWriteBackIsNot() throws SQLException {
		long before = lastChangeId();
		try (Connection sql = plainSession()) {
			var statement = sql.createStatement();
			statement.executeUpdate("UPDATE stock SET qty = qty + 5 WHERE product_id = 3");
			statement.executeUpdate("INSERT INTO categories (parent_id, name, slug) VALUES (NULL, 'Captured', 'captured')");
			statement.executeUpdate("UPDATE categories SET name = 'Captured twice' WHERE slug = 'captured'");
			statement.executeUpdate("DELETE FROM categories WHERE slug = 'captured'");
			statement.executeUpdate("DELETE FROM stock WHERE product_id = 120");
			// A transaction that rolls back leaves no change behind.
			sql.setAutoCommit(false);
			statement.executeUpdate("UPDATE products SET price = 1 WHERE id = 2");
			sql.rollback();
			sql.setAutoCommit(true);
			// The adapter's write-back marks its session; the triggers skip it, so it never comes back as a change.
			statement.execute("SET @retailflow_writeback = 1");
			statement.executeUpdate("UPDATE products SET price = 3.5 WHERE id = 5");
			statement.execute("SET @retailflow_writeback = NULL");
			statement.executeUpdate("UPDATE products SET price = price WHERE id = 6");
		}
		long category = legacy.jdbc().sql("SELECT MAX(CAST(row_key AS UNSIGNED)) FROM rf_change WHERE table_name = 'categories'")
			.query(Long.class)
			.single();
		assertThat(changesAfter(before)).containsExactly("stock:3:U", "categories:" + category + ":I",
				"categories:" + category + ":U", "categories:" + category + ":D", "stock:120:D", "products:6:U");
	}

	@Test
	void theRemovalCommandDropsCaptureAndLeavesLegacyDataAlone() throws Exception {
		long products = count("products");
		var remove = new ProcessBuilder("bash", "scripts/legacy-capture.sh", "remove")
			.directory(LegacyShop.legacyDirectory().getParent().toFile())
			.redirectErrorStream(true);
		remove.environment().putAll(Map.of("LEGACY_DB_HOST", LEGACY.database().host(), "LEGACY_DB_PORT",
				String.valueOf(LEGACY.database().port()), "LEGACY_DB_USER", LEGACY.database().username(),
				"LEGACY_DB_PASSWORD", LEGACY.database().password(), "LEGACY_DB_NAME", LEGACY.database().name()));
		Process process = remove.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();

		assertThat(triggers()).isEmpty();
		assertThat(capture.installed()).isFalse();
		assertThat(legacy.jdbc()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'rf\\_%'")
			.query(Long.class)
			.single()).isZero();
		assertThat(count("products")).isEqualTo(products);
		try (Connection sql = plainSession()) {
			assertThat(sql.createStatement().executeUpdate("UPDATE stock SET qty = qty WHERE product_id = 1")).isOne();
		}

		// And it can come back: installing again starts a fresh history.
		assertThat(capture.install()).isEqualTo(CaptureMigrations.count());
		assertThat(triggers()).hasSize(LegacyCapture.TRIGGERS);
	}

	private static List<String> versionsAfterBaseline() {
		List<String> versions = new java.util.ArrayList<>(List.of("0"));
		versions.addAll(CaptureMigrations.versions());
		return versions;
	}

	private List<String> triggers() {
		return legacy.jdbc()
			.sql("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
					+ "AND trigger_name LIKE 'rf\\_%'")
			.query(String.class)
			.list();
	}

	private long lastChangeId() {
		return legacy.jdbc().sql("SELECT COALESCE(MAX(id), 0) FROM rf_change").query(Long.class).single();
	}

	private List<String> changesAfter(long id) {
		return legacy.jdbc()
			.sql("SELECT CONCAT(table_name, ':', row_key, ':', op) FROM rf_change WHERE id > ? ORDER BY id")
			.param(id)
			.query(String.class)
			.list();
	}

	private long count(String table) {
		return legacy.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private static Connection plainSession() throws SQLException {
		return DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password());
	}

	static Path repository() {
		return LegacyShop.legacyDirectory().getParent();
	}
}
