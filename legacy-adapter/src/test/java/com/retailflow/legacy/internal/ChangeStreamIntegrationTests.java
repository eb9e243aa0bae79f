package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Availability;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.capture.LegacyCapture;
import com.retailflow.legacy.internal.sync.Quarantine;
import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The change stream against the real legacy shop and PostgreSQL: a change on legacy, including one that bumps no
 * timestamp and a delete, reaches the new API within 2 seconds; untranslatable rows are quarantined without stopping
 * the stream; a change id committed after a higher one is not lost; the checkpoint moves with the data.
 */
// Closed after the class: its stream and pools must not keep running (and holding connections) beside later tests.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.sync.enabled=true", "retailflow.legacy.sync.poll-interval=50ms" })
class ChangeStreamIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(30);
	static final HttpClient HTTP = HttpClient.newHttpClient();
	static final Duration WITHIN = Duration.ofSeconds(2);

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY.database());
	}

	@LocalServerPort
	int port;

	@Autowired
	Backfill backfill;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	Quarantine quarantine;

	@Autowired
	JdbcClient postgres;

	@Autowired
	SyncLag lag;

	@BeforeEach
	void streaming() {
		backfill.run();
		await().atMost(Duration.ofSeconds(20)).until(() -> tableExists());
	}

	@Test
	void aPriceChangeWithoutATimestampBumpReachesTheNewApiWithinTwoSeconds() throws Exception {
		legacySql("UPDATE products SET price = 123.45 WHERE id = 3");

		await().atMost(WITHIN).untilAsserted(() -> assertThat(api("/api/v1/products/3").body())
			.contains("\"amount\":\"123.45\""));
	}

	@Test
	void aDeleteOnLegacyRemovesTheProductFromTheNewApi() throws Exception {
		assertThat(api("/api/v1/products/21").statusCode()).isEqualTo(200);

		legacySql("DELETE FROM products WHERE id = 21");

		await().atMost(WITHIN).untilAsserted(() -> assertThat(api("/api/v1/products/21").statusCode()).isEqualTo(404));
		assertThat(catalog.product(ProductId.of(21))).isEmpty();
	}

	@Test
	void stockAndCategoriesFollowToo() throws Exception {
		legacySql("UPDATE stock SET qty = 2 WHERE product_id = 5");
		legacySql("INSERT INTO categories (id, parent_id, name, slug) VALUES (900, NULL, 'Streamed', 'streamed')");

		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(inventory.availabilityOf(new Sku("SKU-000005"))).isEqualTo(Availability.of(new Sku("SKU-000005"), 2));
			assertThat(catalog.categoryById(900)).hasValueSatisfying(c -> assertThat(c.slug()).isEqualTo("streamed"));
		});

		legacySql("DELETE FROM categories WHERE id = 900");
		await().atMost(WITHIN).untilAsserted(() -> assertThat(catalog.categoryById(900)).isEmpty());
	}

	@Test
	void anUntranslatableRowIsQuarantinedAndTheStreamGoesOn() throws Exception {
		legacySql("UPDATE products SET price = -5 WHERE id = 7");
		legacySql("UPDATE products SET price = 8.25 WHERE id = 8");

		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(catalog.product(ProductId.of(8)).orElseThrow().product().price().amount())
				.isEqualByComparingTo("8.25");
			assertThat(quarantine.entries()).anySatisfy(entry -> {
				assertThat(entry.table()).isEqualTo("products");
				assertThat(entry.key()).isEqualTo("7");
				assertThat(entry.reason()).contains("-5");
			});
		});
		assertThat(catalog.product(ProductId.of(7)).orElseThrow().product().price().isNegative()).isFalse();

		// Fixed on legacy, the row applies and leaves the quarantine.
		legacySql("UPDATE products SET price = 5 WHERE id = 7");
		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(catalog.product(ProductId.of(7)).orElseThrow().product().price().amount())
				.isEqualByComparingTo(new BigDecimal("5.00"));
			assertThat(quarantine.entries()).noneMatch(entry -> entry.table().equals("products") && entry.key().equals("7"));
		});
	}

	@Test
	void aProductTheCatalogRefusesInABatchIsQuarantinedAndTheOtherProductsApply() throws Exception {
		// A SKU only the new side has: legacy giving it to product 16 is refused by the catalog's unique SKU.
		var model = catalog.storedProduct(ProductId.of(15)).orElseThrow();
		catalog.upsertProduct(new Product(ProductId.of(9_999), new Sku("NEW-SIDE-ONLY"), model.categoryId(), "New side",
				"", model.price(), model.status(), model.createdAt()));
		try {
			legacySql("UPDATE products SET sku = 'NEW-SIDE-ONLY', price = 8.15 WHERE id = 16");
			legacySql("UPDATE products SET price = 8.25 WHERE id = 17");

			await().atMost(WITHIN).untilAsserted(() -> {
				assertThat(catalog.storedProduct(ProductId.of(17)).orElseThrow().price().amount())
					.isEqualByComparingTo("8.25");
				assertThat(quarantine.entries()).anySatisfy(entry -> {
					assertThat(entry.table()).isEqualTo("products");
					assertThat(entry.key()).isEqualTo("16");
					assertThat(entry.reason()).contains("DuplicateKey");
				});
			});
			assertThat(catalog.storedProduct(ProductId.of(16)).orElseThrow().sku().code()).isNotEqualTo("NEW-SIDE-ONLY");
		}
		finally {
			catalog.removeProduct(ProductId.of(9_999));
		}
		// Fixed on legacy, the row applies and leaves the quarantine.
		legacySql("UPDATE products SET sku = 'SKU-000016' WHERE id = 16");
		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(catalog.storedProduct(ProductId.of(16)).orElseThrow().price().amount()).isEqualByComparingTo("8.15");
			assertThat(quarantine.entries()).noneMatch(entry -> entry.table().equals("products") && entry.key().equals("16"));
		});
	}

	@Test
	void aRowItsModuleRefusesIsQuarantinedAndTheRestOfTheBatchApplies() throws Exception {
		var sku = new Sku("SKU-000014");
		legacySql("UPDATE stock SET qty = 10 WHERE product_id = 14");
		await().atMost(WITHIN).untilAsserted(() -> assertThat(inventory.availabilityOf(sku).available()).isEqualTo(10));
		inventory.reserve(sku, 3);

		// Legacy now says 1 unit, fewer than the new side has reserved: inventory refuses it.
		legacySql("UPDATE stock SET qty = 1 WHERE product_id = 14");
		legacySql("UPDATE products SET price = 9.45 WHERE id = 15");

		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(catalog.product(ProductId.of(15)).orElseThrow().product().price().amount())
				.isEqualByComparingTo("9.45");
			assertThat(quarantine.entries()).anySatisfy(entry -> {
				assertThat(entry.table()).isEqualTo("stock");
				assertThat(entry.key()).isEqualTo("14");
				assertThat(entry.reason()).contains("StockBelowReserved");
			});
		});
		assertThat(inventory.availabilityOf(sku).available()).isEqualTo(7);
	}

	@Test
	void aChangeCommittedAfterAHigherIdIsNotLost() throws Exception {
		try (Connection longTransaction = legacySession()) {
			longTransaction.setAutoCommit(false);
			// This transaction takes a change id first and commits last.
			longTransaction.createStatement().executeUpdate("UPDATE products SET price = 11.11 WHERE id = 11");
			legacySql("UPDATE products SET price = 12.12 WHERE id = 12");
			await().atMost(WITHIN).untilAsserted(() -> assertThat(
					catalog.product(ProductId.of(12)).orElseThrow().product().price().amount()).isEqualByComparingTo("12.12"));
			assertThat(postgres.sql("SELECT COUNT(*) FROM legacy_sync.change_gap").query(Long.class).single()).isPositive();

			longTransaction.commit();
		}
		await().atMost(WITHIN).untilAsserted(() -> assertThat(
				catalog.product(ProductId.of(11)).orElseThrow().product().price().amount()).isEqualByComparingTo("11.11"));
		await().atMost(WITHIN).untilAsserted(() -> assertThat(
				postgres.sql("SELECT COUNT(*) FROM legacy_sync.change_gap").query(Long.class).single()).isZero());
	}

	@Test
	void theCheckpointFollowsAndTheLagIsZeroWhenCaughtUp() throws Exception {
		legacySql("UPDATE stock SET qty = qty + 1 WHERE product_id = 2");
		long last;
		try (Connection sql = legacySession(); var rs = sql.createStatement().executeQuery("SELECT MAX(id) FROM rf_change")) {
			rs.next();
			last = rs.getLong(1);
		}
		await().atMost(WITHIN).untilAsserted(() -> assertThat(
				postgres.sql("SELECT position FROM legacy_sync.change_checkpoint WHERE stream = 'legacy'")
					.query(Long.class)
					.single()).isGreaterThanOrEqualTo(last));
		await().atMost(WITHIN).untilAsserted(() -> {
			assertThat(lag.of("catalog")).hasValue(Duration.ZERO);
			assertThat(lag.of("inventory")).hasValue(Duration.ZERO);
		});
		assertThat(lag.of("checkout")).as("not a synced module").isEmpty();
	}

	private boolean tableExists() throws SQLException {
		try (Connection sql = legacySession(); var rs = sql.createStatement()
			.executeQuery("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
					+ "AND trigger_name LIKE 'rf\\_%'")) {
			rs.next();
			return rs.getInt(1) == LegacyCapture.TRIGGERS;
		}
	}

	private HttpResponse<String> api(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static void legacySql(String sql) throws SQLException {
		try (Connection connection = legacySession()) {
			connection.createStatement().executeUpdate(sql);
		}
	}

	static Connection legacySession() throws SQLException {
		return DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password());
	}
}
