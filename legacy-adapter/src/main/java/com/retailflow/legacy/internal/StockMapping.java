package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.sync.TableMapping;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Legacy {@code stock} (keyed by product id) → inventory's units on hand (keyed by SKU). Like the backfill, a missing
 * stock row counts as 0 and a negative quantity (the legacy checkout oversells) as 0. The SKU comes from the legacy
 * product, or, when the product is gone too, from the catalog (stock is applied before products for that reason).
 */
@Component
@Order(2)
class StockMapping implements TableMapping {

	private final LegacyDatabase legacy;
	private final InventoryManagement inventory;
	private final CatalogManagement catalog;

	StockMapping(LegacyDatabase legacy, InventoryManagement inventory, CatalogManagement catalog) {
		this.legacy = legacy;
		this.inventory = inventory;
		this.catalog = catalog;
	}

	@Override
	public String legacyTable() {
		return "stock";
	}

	@Override
	public String module() {
		return "inventory";
	}

	@Override
	public List<RowSync> read(Collection<String> keys) {
		var ids = LegacyKeys.numeric(keys);
		Map<Long, Level> live = new HashMap<>();
		if (!ids.valid().isEmpty()) {
			legacy.jdbc()
				.sql("SELECT p.id, p.sku, s.qty FROM products p LEFT JOIN stock s ON s.product_id = p.id "
						+ "WHERE p.id IN (" + ids.inList() + ")")
				.query(rs -> {
					live.put(rs.getLong("id"), new Level(rs.getString("sku"), Math.max(0, rs.getInt("qty"))));
				});
		}
		List<RowSync> rows = new ArrayList<>(ids.invalid());
		ids.valid().forEach((key, id) -> {
			Level level = live.get(id);
			if (level != null) {
				rows.add(RowSync.apply(key, () -> inventory.setStock(new Sku(level.sku()), level.onHand())));
			}
			else {
				// The product is gone on legacy as well: its stock is 0, under the SKU the catalog knew it by.
				rows.add(RowSync.apply(key, () -> catalog.product(ProductId.of(id))
					.ifPresent(view -> inventory.setStock(view.product().sku(), 0))));
			}
		});
		return rows;
	}

	private record Level(String sku, int onHand) {
	}
}
