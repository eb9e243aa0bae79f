package com.retailflow.legacy.internal.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Difference;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Kind;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.TableReport;
import com.retailflow.legacy.internal.TestDataSources;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation against a real legacy database and the real modules: rows changed behind the adapter's back, on
 * either side, are found by bisecting checksummed ranges and named with what differs; the repair re-syncs exactly
 * those rows; the endpoint is the admin's only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.reconciliation.ranges=8", "retailflow.legacy.reconciliation.fanout=4",
				"retailflow.legacy.reconciliation.leaf-rows=16",
				"retailflow.identity.bootstrap-admin.password=admin-secret" })
class ReconciliationIntegrationTests {

	static final TestDatabases.Database LEGACY_DB = TestDatabases.newMariaDb();
	static final JdbcClient LEGACY;

	static {
		LegacyShop.seed(LEGACY_DB, 3000, 5);
		LEGACY = JdbcClient.create(new DriverManagerDataSource(LEGACY_DB.jdbcUrl(), LEGACY_DB.username(), LEGACY_DB.password()));
		LEGACY.sql("UPDATE products SET status = 77 WHERE id = 30").update();
	}

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY_DB);
	}

	@Autowired
	Backfill backfill;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void backfilled() {
		backfill.run();
	}

	@Test
	void rowsChangedBehindTheAdaptersBackAreFoundNamedAndRepaired() {
		var clean = reconciliation.reconcile("catalog", "test");
		assertThat(table(clean, "categories").drift()).isZero();
		assertThat(table(clean, "products").differences())
			.containsExactly(new Difference("30", Kind.UNTRANSLATABLE, "unknown status code 77"));
		assertThat(table(clean, "products").legacyRows()).isEqualTo(3000);
		assertThat(table(clean, "products").newRows()).isEqualTo(2999);
		assertThat(reconciliation.reconcile("inventory", "test").driftRows()).isZero();

		// Behind the adapter's back, on legacy...
		LEGACY.sql("UPDATE products SET price = 99.5 WHERE id = 1234").update();
		LEGACY.sql("DELETE FROM products WHERE id = 77").update();
		// ...a SKU that differs only in case: one key to a case-insensitive collation, two keys by their bytes.
		LEGACY.sql("UPDATE products SET sku = 'sku-000050' WHERE id = 50").update();
		// ...and on the new side.
		jdbc.sql("UPDATE catalog.product SET name = 'Tampered' WHERE id = 555").update();
		jdbc.sql("DELETE FROM catalog.product WHERE id = 900").update();
		jdbc.sql("UPDATE catalog.category SET name = 'Renamed' WHERE id = 9").update();
		jdbc.sql("UPDATE inventory.stock SET on_hand = on_hand + 1 WHERE sku = 'SKU-000010'").update();

		var catalogDrift = reconciliation.reconcile("catalog", "test");
		var products = table(catalogDrift, "products");
		assertThat(products.differences()).containsExactlyInAnyOrder(
				new Difference("30", Kind.UNTRANSLATABLE, "unknown status code 77"),
				new Difference("50", Kind.DIFFERENT, null), new Difference("77", Kind.MISSING_ON_LEGACY, null),
				new Difference("555", Kind.DIFFERENT, null), new Difference("900", Kind.MISSING_ON_NEW, null),
				new Difference("1234", Kind.DIFFERENT, null));
		assertThat(products.rangesCompared()).as("bisected, not compared row by row").isGreaterThan(8).isLessThan(300);
		assertThat(table(catalogDrift, "categories").differences())
			.containsExactly(new Difference("9", Kind.DIFFERENT, null));
		assertThat(catalogDrift.driftRows()).isEqualTo(7);
		var inventoryDrift = reconciliation.reconcile("inventory", "test");
		assertThat(table(inventoryDrift, "stock").differences()).containsExactlyInAnyOrder(
				new Difference("SKU-000010", Kind.DIFFERENT, null),
				new Difference("SKU-000050", Kind.MISSING_ON_LEGACY, null),
				new Difference("sku-000050", Kind.MISSING_ON_NEW, null),
				new Difference("SKU-000077", Kind.MISSING_ON_LEGACY, null));

		var repairedCatalog = reconciliation.repair("catalog", "test");
		var repairedInventory = reconciliation.repair("inventory", "test");

		assertThat(repairedCatalog.rowsWritten()).containsEntry("products", 4).containsEntry("categories", 1);
		assertThat(table(repairedCatalog.after(), "products").differences()).containsExactlyInAnyOrder(
				new Difference("30", Kind.UNTRANSLATABLE, "unknown status code 77"),
				new Difference("77", Kind.MISSING_ON_LEGACY, null));
		assertThat(table(repairedCatalog.after(), "categories").drift()).isZero();
		assertThat(table(repairedInventory.after(), "stock").differences()).containsExactlyInAnyOrder(
				new Difference("SKU-000050", Kind.MISSING_ON_LEGACY, null),
				new Difference("SKU-000077", Kind.MISSING_ON_LEGACY, null));
		assertThat(catalog.product(ProductId.of(1234)).orElseThrow().price().amount()).isEqualByComparingTo(new BigDecimal("99.50"));
		assertThat(catalog.product(ProductId.of(555)).orElseThrow().product().name()).isNotEqualTo("Tampered");
		assertThat(catalog.product(ProductId.of(900))).isPresent();
		assertThat(catalog.categoryById(9).orElseThrow().name()).isNotEqualTo("Renamed");
		assertThat(inventory.availabilityOf(new Sku("sku-000050")).available()).isEqualTo(
				LEGACY.sql("SELECT GREATEST(COALESCE(MAX(qty), 0), 0) FROM stock WHERE product_id = 50").query(Integer.class).single());
	}

	@Test
	void theEndpointIsTheAdminsAndNamesUnknownModules() throws Exception {
		assertThat(HTTP.send(request("/admin/api/sync/catalog/reconciliation", null).GET().build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		// The admin chain checks CSRF before authentication for requests without credentials: refused either way.
		assertThat(post("/admin/api/sync/catalog/reconcile", null).statusCode()).isIn(401, 403);
		// not an admin account of identity's: refused like a wrong password
		assertThat(post("/admin/api/sync/catalog/reconcile", "viewer:viewer").statusCode()).isEqualTo(401);

		var unknown = post("/admin/api/sync/wishlists/reconcile", "admin:admin-secret");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(unknown.body()).contains("\"title\":\"Unknown module\"").contains("No synced module 'wishlists'");

		var report = post("/admin/api/sync/inventory/reconcile", "admin:admin-secret");
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("\"module\":\"inventory\"").contains("\"triggeredBy\":\"admin\"")
			.contains("\"table\":\"stock\"").contains("\"legacyRows\":");
		var latest = HTTP.send(request("/admin/api/sync/inventory/reconciliation", "admin:admin-secret").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(latest.statusCode()).isEqualTo(200);
		assertThat(latest.body()).contains("\"module\":\"inventory\"");
	}

	static final HttpClient HTTP = HttpClient.newHttpClient();

	HttpResponse<String> post(String path, String credentials) throws Exception {
		return HTTP.send(request(path, credentials).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest.Builder request(String path, String credentials) {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (credentials != null) {
			builder.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

	static TableReport table(ReconciliationReport report, String name) {
		List<TableReport> tables = report.tables();
		return tables.stream().filter(table -> table.table().equals(name)).findFirst().orElseThrow();
	}
}
