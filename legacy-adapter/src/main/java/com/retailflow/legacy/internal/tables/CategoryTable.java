package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.translation.LegacyCategory;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Legacy {@code categories} ↔ the catalog's categories, keyed by the legacy id. */
@Component
@Order(1)
class CategoryTable implements SyncedTable<Long> {

	private static final String SELECT = "SELECT c.id, c.parent_id, c.name, c.slug FROM categories c ";

	private final LegacyDatabase legacy;
	private final LegacyTranslation translation;
	private final CatalogManagement catalog;

	CategoryTable(LegacyDatabase legacy, LegacyTranslation translation, CatalogManagement catalog) {
		this.legacy = legacy;
		this.translation = translation;
		this.catalog = catalog;
	}

	@Override
	public String module() {
		return "catalog";
	}

	@Override
	public String name() {
		return "categories";
	}

	@Override
	public Optional<Chunk> readChunk(long afterKey, int size) {
		var rows = legacy.jdbc().sql(SELECT + "WHERE c.id > ? ORDER BY c.id LIMIT ?").params(afterKey, size)
			.query((rs, n) -> row(rs))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		var categories = translate(rows);
		return Optional.of(new Translated(rows.getLast().id(), rows.size(), rows.size() - categories.size(),
				() -> catalog.importCategories(categories)));
	}

	@Override
	public long legacyCount() {
		return legacy.jdbc().sql("SELECT COUNT(*) FROM categories").query(Long.class).single();
	}

	@Override
	public void readLegacy(@Nullable Long from, @Nullable Long to, Consumer<LegacyRow<Long>> rows) {
		legacy.streaming()
			.query(SELECT + "WHERE (? IS NULL OR c.id >= ?) AND (? IS NULL OR c.id < ?) ORDER BY c.id", rs -> {
				var row = row(rs);
				try {
					rows.accept(LegacyRow.translated(row.id(), translation.category(row).digest()));
				}
				catch (UntranslatableRow ex) {
					rows.accept(LegacyRow.untranslatable(row.id(), ex.reason()));
				}
			}, from, from, to, to);
	}

	@Override
	public List<RangeChecksum> newChecksums(List<@Nullable Long> bounds) {
		return catalog.categoryChecksums(bounds);
	}

	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		return catalog.categoryDigests(from, to);
	}

	@Override
	public int resync(Collection<Long> keys) {
		List<LegacyCategory> rows = new ArrayList<>();
		for (var ids : Keys.chunks(keys)) {
			rows.addAll(byIds(ids));
		}
		var categories = translate(rows);
		return categories.isEmpty() ? 0 : catalog.importCategories(categories).written();
	}

	@Override
	public List<LiveRow> liveRows(Collection<String> changeKeys) {
		return LiveRows.byId(changeKeys, this::byIds, LegacyCategory::id, row -> {
			Category category = translation.category(row);
			return () -> catalog.importCategories(List.of(category));
		}, id -> () -> catalog.removeCategory(id));
	}

	@Override
	public Long parseKey(String text) {
		return Long.valueOf(text);
	}

	private List<Category> translate(List<LegacyCategory> rows) {
		List<Category> categories = new ArrayList<>(rows.size());
		for (var row : rows) {
			try {
				categories.add(translation.category(row));
			}
			catch (UntranslatableRow ex) {
				Untranslatable.log(name(), Long.toString(row.id()), ex);
			}
		}
		return categories;
	}

	private List<LegacyCategory> byIds(List<Long> ids) {
		return legacy.jdbc()
			.sql(SELECT + "WHERE c.id IN (" + Keys.placeholders(ids.size()) + ")")
			.params(ids)
			.query((rs, n) -> row(rs))
			.list();
	}

	private static LegacyCategory row(ResultSet rs) throws SQLException {
		return new LegacyCategory(rs.getLong("id"), rs.getObject("parent_id", Long.class), rs.getString("name"),
				rs.getString("slug"));
	}
}
