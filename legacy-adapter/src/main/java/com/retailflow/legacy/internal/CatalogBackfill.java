package com.retailflow.legacy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Product;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.translation.LegacyCategory;
import com.retailflow.legacy.internal.translation.LegacyProduct;
import com.retailflow.legacy.internal.translation.LegacyStock;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies the legacy catalogue (categories, products, stock) into the catalog and inventory modules, translating
 * the legacy quirks through {@link LegacyTranslation}. Rows it cannot translate are skipped and logged.
 * Idempotent (upserts by legacy id / SKU) and keyset-paged.
 */
@Component
class CatalogBackfill {

	/** What one run did. */
	record Report(int categories, int products, int stock, Duration took) {
	}

	private static final Logger log = LoggerFactory.getLogger(CatalogBackfill.class);
	private static final int BATCH = 5_000;

	private final LegacyDatabase legacy;
	private final CatalogManagement catalog;
	private final InventoryManagement inventory;
	private final LegacyTranslation translation;

	CatalogBackfill(LegacyDatabase legacy, CatalogManagement catalog, InventoryManagement inventory,
			LegacySettings settings) {
		this.legacy = legacy;
		this.catalog = catalog;
		this.inventory = inventory;
		this.translation = new LegacyTranslation(Currency.getInstance(settings.currency()));
	}

	Report run() {
		long start = System.nanoTime();
		var categories = legacy.jdbc()
			.sql("SELECT id, parent_id, name, slug FROM categories ORDER BY id")
			.query((rs, n) -> new LegacyCategory(rs.getLong("id"), rs.getObject("parent_id", Long.class),
					rs.getString("name"), rs.getString("slug")))
			.list()
			.stream()
			.<Category>mapMulti((row, out) -> {
				try {
					out.accept(translation.category(row));
				}
				catch (UntranslatableRow ex) {
					log.warn("Category {} skipped: {}", row.id(), ex.reason());
				}
			})
			.toList();
		catalog.importCategories(categories);
		int products = 0;
		int stock = 0;
		long after = 0;
		long[] lastId = { 0 };
		while (true) {
			List<Product> batch = new ArrayList<>(BATCH);
			Map<Sku, Integer> levels = new LinkedHashMap<>();
			legacy.jdbc()
				.sql("""
						SELECT p.id, p.sku, p.category_id, CAST(p.name AS BINARY) AS name,
						       CAST(p.description AS BINARY) AS description, p.price, p.status, p.created_at, s.qty
						FROM products p LEFT JOIN stock s ON s.product_id = p.id
						WHERE p.id > ? ORDER BY p.id LIMIT ?""")
				.params(after, BATCH)
				.query((ResultSet rs) -> {
					var level = LegacyTranslation.stock(new LegacyStock(rs.getLong("id"), rs.getString("sku"),
							rs.getObject("qty", Integer.class)));
					levels.put(level.sku(), level.onHand());
					lastId[0] = rs.getLong("id");
					try {
						batch.add(translation.product(product(rs)));
					}
					catch (UntranslatableRow ex) {
						log.warn("Product {} skipped: {}", rs.getLong("id"), ex.reason());
					}
				});
			if (levels.isEmpty()) {
				break;
			}
			catalog.importProducts(batch);
			stock += inventory.importStock(levels);
			products += batch.size();
			after = lastId[0];
		}
		var report = new Report(categories.size(), products, stock, Duration.ofNanos(System.nanoTime() - start));
		log.info("Backfilled from legacy: {} categories, {} products, {} stock levels in {} ms", report.categories(),
				report.products(), report.stock(), report.took().toMillis());
		return report;
	}

	private static LegacyProduct product(ResultSet rs) throws SQLException {
		return new LegacyProduct(rs.getLong("id"), rs.getString("sku"), rs.getLong("category_id"), rs.getBytes("name"),
				rs.getBytes("description"), rs.getFloat("price"), rs.getInt("status"),
				rs.getObject("created_at", LocalDateTime.class));
	}
}
