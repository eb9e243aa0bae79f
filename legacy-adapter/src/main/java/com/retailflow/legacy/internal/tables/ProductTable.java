package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.translation.LegacyProduct;
import com.retailflow.legacy.internal.translation.LegacyTranslation;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Legacy {@code products} ↔ the catalog's products, keyed by the legacy id. */
@Component
@Order(2)
class ProductTable implements TableMapping<LegacyProduct, Product, Long> {

	private final LegacyTranslation translation;
	private final CatalogManagement catalog;

	ProductTable(LegacyTranslation translation, CatalogManagement catalog) {
		this.translation = translation;
		this.catalog = catalog;
	}

	@Override
	public String module() {
		return "catalog";
	}

	@Override
	public String table() {
		return "products";
	}

	/** latin1 columns are read as their stored bytes: {@link LegacyTranslation#text} decodes them, strictly. */
	@Override
	public String columns() {
		return "p.id, p.sku, p.category_id, CAST(p.name AS BINARY) AS name, "
				+ "CAST(p.description AS BINARY) AS description, p.price, p.status, p.created_at";
	}

	@Override
	public String from() {
		return "products p";
	}

	@Override
	public String idColumn() {
		return "p.id";
	}

	@Override
	public LegacyProduct row(ResultSet rs) throws SQLException {
		return new LegacyProduct(rs.getLong("id"), rs.getString("sku"), rs.getLong("category_id"), rs.getBytes("name"),
				rs.getBytes("description"), rs.getFloat("price"), rs.getInt("status"),
				rs.getObject("created_at", LocalDateTime.class));
	}

	@Override
	public long id(LegacyProduct row) {
		return row.id();
	}

	@Override
	public Product translate(LegacyProduct row) {
		return translation.product(row);
	}

	@Override
	public ReconciliationKey<Long> key() {
		return ReconciliationKey.number("p.id");
	}

	@Override
	public Long key(LegacyProduct row) {
		return row.id();
	}

	@Override
	public long digest(Product product) {
		return product.digest();
	}

	@Override
	public int store(List<Product> products) {
		return catalog.importProducts(products).written();
	}

	@Override
	public void upsert(Product product) {
		catalog.upsertProduct(product);
	}

	/** One locking read and one upsert for the whole batch, and one event. */
	@Override
	public void upsertAll(List<Product> products) {
		catalog.upsertProducts(products);
	}

	@Override
	public Runnable removal(long id) {
		return () -> catalog.removeProduct(ProductId.of(id));
	}

	@Override
	public Optional<List<RangeChecksum>> newChecksums(List<@Nullable Long> bounds) {
		return Optional.of(catalog.productChecksums(bounds));
	}

	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		return catalog.productDigests(from, to);
	}
}
