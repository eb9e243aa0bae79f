package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.translation.LegacyProduct;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Legacy {@code products} ↔ the catalog's products, keyed by the legacy id. */
@Component
@Order(2)
class ProductTable implements SyncedTable<Long> {

	/** latin1 columns are read as their stored bytes: {@link LegacyTranslation#text} decodes them, strictly. */
	private static final String SELECT = "SELECT p.id, p.sku, p.category_id, CAST(p.name AS BINARY) AS name, "
			+ "CAST(p.description AS BINARY) AS description, p.price, p.status, p.created_at FROM products p ";

	private final LegacyDatabase legacy;
	private final LegacyTranslation translation;
	private final CatalogManagement catalog;

	ProductTable(LegacyDatabase legacy, LegacyTranslation translation, CatalogManagement catalog) {
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
		return "products";
	}

	@Override
	public Optional<Chunk> readChunk(long afterKey, int size) {
		var rows = legacy.jdbc().sql(SELECT + "WHERE p.id > ? ORDER BY p.id LIMIT ?").params(afterKey, size)
			.query((rs, n) -> row(rs))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		var products = translate(rows);
		return Optional.of(new Translated(rows.getLast().id(), rows.size(), rows.size() - products.size(),
				() -> catalog.importProducts(products)));
	}

	@Override
	public long legacyCount() {
		return legacy.jdbc().sql("SELECT COUNT(*) FROM products").query(Long.class).single();
	}

	@Override
	public void readLegacy(@Nullable Long from, @Nullable Long to, Consumer<LegacyRow<Long>> rows) {
		legacy.streaming()
			.query(SELECT + "WHERE (? IS NULL OR p.id >= ?) AND (? IS NULL OR p.id < ?) ORDER BY p.id", rs -> {
				var row = row(rs);
				try {
					rows.accept(LegacyRow.translated(row.id(), translation.product(row).digest()));
				}
				catch (UntranslatableRow ex) {
					rows.accept(LegacyRow.untranslatable(row.id(), ex.reason()));
				}
			}, from, from, to, to);
	}

	@Override
	public List<RangeChecksum> newChecksums(List<@Nullable Long> bounds) {
		return catalog.productChecksums(bounds);
	}

	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		return catalog.productDigests(from, to);
	}

	@Override
	public int resync(Collection<Long> keys) {
		List<LegacyProduct> rows = new ArrayList<>();
		for (var ids : Keys.chunks(keys)) {
			rows.addAll(byIds(ids));
		}
		var products = translate(rows);
		return products.isEmpty() ? 0 : catalog.importProducts(products).written();
	}

	@Override
	public List<LiveRow> liveRows(Collection<String> changeKeys) {
		return LiveRows.byId(changeKeys, this::byIds, LegacyProduct::id, row -> {
			Product product = translation.product(row);
			return () -> catalog.upsertProduct(product);
		}, id -> () -> catalog.removeProduct(ProductId.of(id)));
	}

	@Override
	public Long parseKey(String text) {
		return Long.valueOf(text);
	}

	private List<Product> translate(List<LegacyProduct> rows) {
		List<Product> products = new ArrayList<>(rows.size());
		for (var row : rows) {
			try {
				products.add(translation.product(row));
			}
			catch (UntranslatableRow ex) {
				Untranslatable.log(name(), Long.toString(row.id()), ex);
			}
		}
		return products;
	}

	private List<LegacyProduct> byIds(List<Long> ids) {
		return legacy.jdbc()
			.sql(SELECT + "WHERE p.id IN (" + Keys.placeholders(ids.size()) + ")")
			.params(ids)
			.query((rs, n) -> row(rs))
			.list();
	}

	private static LegacyProduct row(ResultSet rs) throws SQLException {
		return new LegacyProduct(rs.getLong("id"), rs.getString("sku"), rs.getLong("category_id"), rs.getBytes("name"),
				rs.getBytes("description"), rs.getFloat("price"), rs.getInt("status"),
				rs.getObject("created_at", LocalDateTime.class));
	}
}
