package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.legacy.internal.sync.TableMapping;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Legacy {@code products} → the catalog's products, translated like the backfill translates them (exact money,
 * status enum, UTF-8 text, UTC times); a deleted legacy product is removed from the catalog.
 */
@Component
@Order(3)
class ProductsMapping implements TableMapping {

	private final LegacyDatabase legacy;
	private final CatalogManagement catalog;
	private final CatalogBackfill translation;

	ProductsMapping(LegacyDatabase legacy, CatalogManagement catalog, CatalogBackfill translation) {
		this.legacy = legacy;
		this.catalog = catalog;
		this.translation = translation;
	}

	@Override
	public String legacyTable() {
		return "products";
	}

	@Override
	public String module() {
		return "catalog";
	}

	@Override
	public List<RowSync> read(Collection<String> keys) {
		var ids = LegacyKeys.numeric(keys);
		Map<Long, Product> live = new HashMap<>();
		Map<Long, String> untranslatable = new HashMap<>();
		if (!ids.valid().isEmpty()) {
			legacy.jdbc()
				.sql("SELECT p.id, p.sku, p.category_id, p.name, p.description, p.price, p.status, p.created_at "
						+ "FROM products p WHERE p.id IN (" + ids.inList() + ")")
				.query(rs -> {
					long id = rs.getLong("id");
					try {
						live.put(id, translation.product(rs));
					}
					catch (IllegalArgumentException | NullPointerException ex) {
						untranslatable.put(id, ex.getMessage());
					}
				});
		}
		List<RowSync> rows = new ArrayList<>(ids.invalid());
		ids.valid().forEach((key, id) -> {
			if (untranslatable.containsKey(id)) {
				rows.add(RowSync.untranslatable(key, untranslatable.get(id)));
			}
			else if (live.containsKey(id)) {
				rows.add(RowSync.apply(key, () -> catalog.upsertProduct(live.get(id))));
			}
			else {
				rows.add(RowSync.apply(key, () -> catalog.removeProduct(ProductId.of(id))));
			}
		});
		return rows;
	}
}
