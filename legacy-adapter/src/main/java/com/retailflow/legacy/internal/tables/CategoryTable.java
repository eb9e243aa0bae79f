package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.translation.LegacyCategory;
import com.retailflow.legacy.internal.translation.LegacyTranslation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Legacy {@code categories} ↔ the catalog's categories, keyed by the legacy id. */
@Component
@Order(1)
class CategoryTable implements TableMapping<LegacyCategory, Category, Long> {

	private final LegacyTranslation translation;
	private final CatalogManagement catalog;

	CategoryTable(LegacyTranslation translation, CatalogManagement catalog) {
		this.translation = translation;
		this.catalog = catalog;
	}

	@Override
	public String module() {
		return "catalog";
	}

	@Override
	public String table() {
		return "categories";
	}

	@Override
	public String columns() {
		return "c.id, c.parent_id, c.name, c.slug";
	}

	@Override
	public String from() {
		return "categories c";
	}

	@Override
	public String idColumn() {
		return "c.id";
	}

	@Override
	public LegacyCategory row(ResultSet rs) throws SQLException {
		return new LegacyCategory(rs.getLong("id"), rs.getObject("parent_id", Long.class), rs.getString("name"),
				rs.getString("slug"));
	}

	@Override
	public long id(LegacyCategory row) {
		return row.id();
	}

	@Override
	public Category translate(LegacyCategory row) {
		return translation.category(row);
	}

	@Override
	public ReconciliationKey<Long> key() {
		return ReconciliationKey.number("c.id");
	}

	@Override
	public Long key(LegacyCategory row) {
		return row.id();
	}

	@Override
	public long digest(Category category) {
		return category.digest();
	}

	@Override
	public int store(List<Category> categories) {
		return catalog.importCategories(categories).written();
	}

	@Override
	public void upsert(Category category) {
		catalog.importCategories(List.of(category));
	}

	@Override
	public Runnable removal(long id) {
		return () -> catalog.removeCategory(id);
	}

	@Override
	public Optional<List<RangeChecksum>> newChecksums(List<@Nullable Long> bounds) {
		return Optional.of(catalog.categoryChecksums(bounds));
	}

	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		return catalog.categoryDigests(from, to);
	}
}
