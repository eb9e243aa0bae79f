package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.legacy.internal.sync.TableMapping;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Legacy {@code categories} → the catalog's categories; a deleted legacy category is removed from the catalog. */
@Component
@Order(1)
class CategoriesMapping implements TableMapping {

	private final LegacyDatabase legacy;
	private final CatalogManagement catalog;

	CategoriesMapping(LegacyDatabase legacy, CatalogManagement catalog) {
		this.legacy = legacy;
		this.catalog = catalog;
	}

	@Override
	public String legacyTable() {
		return "categories";
	}

	@Override
	public String module() {
		return "catalog";
	}

	@Override
	public List<RowSync> read(Collection<String> keys) {
		var ids = LegacyKeys.numeric(keys);
		Map<Long, Category> live = new HashMap<>();
		Map<Long, String> untranslatable = new HashMap<>();
		if (!ids.valid().isEmpty()) {
			legacy.jdbc()
				.sql("SELECT id, parent_id, name, slug FROM categories WHERE id IN (" + ids.inList() + ")")
				.query(rs -> {
					long id = rs.getLong("id");
					try {
						live.put(id, new Category(id, rs.getObject("parent_id", Long.class), rs.getString("name"),
								rs.getString("slug")));
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
				rows.add(RowSync.apply(key, () -> catalog.importCategories(List.of(live.get(id)))));
			}
			else {
				rows.add(RowSync.apply(key, () -> catalog.removeCategory(id)));
			}
		});
		return rows;
	}
}
