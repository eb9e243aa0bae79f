package com.retailflow.legacy.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Money;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies the legacy catalogue (categories, products, stock) into the catalog and inventory modules, translating
 * the legacy quirks at the boundary: FLOAT prices become exact money, TINYINT status codes become the enum,
 * latin1 text arrives as UTF-8 (the driver converts), and DATETIMEs without a zone are read as UTC.
 * Idempotent (upserts by legacy id / SKU) and keyset-paged, so it can be re-run or resumed at any point.
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
	private final Currency currency;

	CatalogBackfill(LegacyDatabase legacy, CatalogManagement catalog, InventoryManagement inventory,
			LegacySettings settings) {
		this.legacy = legacy;
		this.catalog = catalog;
		this.inventory = inventory;
		this.currency = Currency.getInstance(settings.currency());
	}

	Report run() {
		long start = System.nanoTime();
		var categories = legacy.jdbc()
			.sql("SELECT id, parent_id, name, slug FROM categories ORDER BY id")
			.query((rs, n) -> new Category(rs.getLong("id"), (Long) rs.getObject("parent_id", Long.class),
					rs.getString("name"), rs.getString("slug")))
			.list();
		catalog.importCategories(categories);
		int products = 0;
		int stock = 0;
		long after = 0;
		while (true) {
			List<Product> batch = new ArrayList<>(BATCH);
			Map<Sku, Integer> levels = new LinkedHashMap<>();
			legacy.jdbc()
				.sql("""
						SELECT p.id, p.sku, p.category_id, p.name, p.description, p.price, p.status, p.created_at, s.qty
						FROM products p LEFT JOIN stock s ON s.product_id = p.id
						WHERE p.id > ? ORDER BY p.id LIMIT ?""")
				.params(after, BATCH)
				.query((ResultSet rs) -> {
					var product = product(rs);
					batch.add(product);
					levels.put(product.sku(), Math.max(0, rs.getInt("qty")));
				});
			if (batch.isEmpty()) {
				break;
			}
			catalog.importProducts(batch);
			stock += inventory.importStock(levels);
			products += batch.size();
			after = batch.getLast().id().value();
		}
		var report = new Report(categories.size(), products, stock, Duration.ofNanos(System.nanoTime() - start));
		log.info("Backfilled from legacy: {} categories, {} products, {} stock levels in {} ms", report.categories(),
				report.products(), report.stock(), report.took().toMillis());
		return report;
	}

	/** One legacy {@code products} row (columns as selected by {@link #run}) translated. */
	Product product(ResultSet rs) throws SQLException {
		String description = rs.getString("description");
		return new Product(ProductId.of(rs.getLong("id")), new Sku(rs.getString("sku")), rs.getLong("category_id"),
				rs.getString("name"), description == null ? "" : description, money(rs.getFloat("price")),
				status(rs.getInt("status")), rs.getTimestamp("created_at").toLocalDateTime().toInstant(ZoneOffset.UTC));
	}

	/** FLOAT → exact money: the shortest decimal that reads back as the same float, rounded to cents. */
	Money money(float price) {
		return Money.of(new BigDecimal(Float.toString(price)).setScale(currency.getDefaultFractionDigits(),
				RoundingMode.HALF_UP), currency);
	}

	static ProductStatus status(int code) {
		return switch (code) {
			case 1 -> ProductStatus.ACTIVE;
			case 3 -> ProductStatus.DISCONTINUED;
			// 2 is hidden; codes the legacy shop never documented are hidden too, never shown by accident.
			default -> ProductStatus.HIDDEN;
		};
	}
}
