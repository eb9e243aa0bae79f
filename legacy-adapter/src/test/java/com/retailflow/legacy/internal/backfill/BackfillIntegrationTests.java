package com.retailflow.legacy.internal.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.TestDataSources;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backfill against a real seeded legacy database: it records the change-table position before copying, copies
 * every table in checkpointed chunks, skips what cannot be translated (and says so), and copies nothing twice.
 */
@SpringBootTest(properties = "retailflow.legacy.backfill.chunk-size=70")
class BackfillIntegrationTests {

	static final TestDatabases.Database LEGACY = TestDatabases.newMariaDb();

	static {
		LegacyShop.seed(LEGACY, 300, 5);
		var legacy = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(LEGACY.jdbcUrl(),
				LEGACY.username(), LEGACY.password()));
		// What the change capture would have recorded before the backfill started.
		legacy.sql("""
				CREATE TABLE rf_change (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, table_name VARCHAR(64) NOT NULL,
				  row_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, op CHAR(1) NOT NULL,
				  changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB""").update();
		legacy.sql("INSERT INTO rf_change (table_name, row_key, op) VALUES ('products', '1', 'U'), ('stock', '2', 'U'), "
				+ "('products', '3', 'U')").update();
		// Three rows nobody can translate faithfully.
		legacy.sql("UPDATE products SET price = -1 WHERE id = 20").update();
		legacy.sql("UPDATE products SET status = 77 WHERE id = 21").update();
		legacy.sql("UPDATE products SET name = CONCAT('Broken ', X'81') WHERE id = 22").update();
	}

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY);
	}

	@Autowired
	Backfill backfill;

	@Autowired
	BackfillProgress progress;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	JdbcClient jdbc;

	@Test
	void copiesEveryTableOnceFromTheRecordedChangePositionAndSkipsWhatCannotBeTranslated() {
		var first = backfill.run().stream().collect(Collectors.toMap(Backfill.TableResult::table, result -> result));

		assertThat(first.keySet()).containsExactlyInAnyOrder("categories", "products", "stock", "customers", "orders");
		assertThat(first.get("products").rowsCopied()).isEqualTo(300);
		assertThat(first.get("products").untranslatable()).isEqualTo(3);
		assertThat(first.get("stock").rowsCopied()).isEqualTo(300);
		assertThat(progress.all()).allSatisfy(state -> {
			assertThat(state.startPosition()).isEqualTo(3);
			assertThat(state.completed()).isTrue();
		});
		assertThat(progress.find("products").orElseThrow().lastKey()).isEqualTo(300);
		assertThat(jdbc.sql("SELECT count(*) FROM catalog.product").query(Long.class).single()).isEqualTo(297);
		assertThat(catalog.product(ProductId.of(21))).isEmpty();
		assertThat(catalog.product(ProductId.of(1)).orElseThrow().product().name()).isEqualTo("Café Crème Espresso Beans 1 kg");
		assertThat(inventory.availabilityOf(new Sku("SKU-000021")).available()).as("its stock is translatable")
			.isEqualTo(jdbcLegacyQty(21));
		assertThat(backfill.completed("catalog")).isTrue();
		assertThat(backfill.completed("inventory")).isTrue();

		assertThat(backfill.run()).extracting(Backfill.TableResult::rowsCopied).containsOnly(0L);
		assertThat(progress.find("products").orElseThrow().rowsCopied()).isEqualTo(300);
	}

	private static int jdbcLegacyQty(long productId) {
		return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(LEGACY.jdbcUrl(),
				LEGACY.username(), LEGACY.password()))
			.sql("SELECT GREATEST(COALESCE(MAX(qty), 0), 0) FROM stock WHERE product_id = ?")
			.param(productId)
			.query(Integer.class)
			.single();
	}
}
