package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.translation.LegacyStock;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.legacy.internal.translation.StockLevel;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Legacy {@code stock} ↔ inventory's stock levels. Legacy keys stock by product id, inventory by SKU: every legacy
 * product has a stock level (no {@code stock} row means out of stock, as legacy's pages show it), so the legacy side
 * is products joined to stock. The backfill walks it by product id; reconciliation compares by SKU, in byte order,
 * because {@code products.sku} has a case-insensitive collation that would order (and match) keys differently.
 */
@Component
@Order(3)
class StockTable implements TableMapping<LegacyStock, StockLevel, String> {

	private final InventoryManagement inventory;
	private final CatalogManagement catalog;

	StockTable(InventoryManagement inventory, CatalogManagement catalog) {
		this.inventory = inventory;
		this.catalog = catalog;
	}

	@Override
	public String module() {
		return "inventory";
	}

	@Override
	public String table() {
		return "stock";
	}

	@Override
	public String columns() {
		return "p.id, p.sku, s.qty";
	}

	@Override
	public String from() {
		return "products p LEFT JOIN stock s ON s.product_id = p.id";
	}

	@Override
	public String idColumn() {
		return "p.id";
	}

	@Override
	public LegacyStock row(ResultSet rs) throws SQLException {
		return new LegacyStock(rs.getLong("id"), rs.getString("sku"), rs.getObject("qty", Integer.class));
	}

	@Override
	public long id(LegacyStock row) {
		return row.productId();
	}

	@Override
	public StockLevel translate(LegacyStock row) {
		return LegacyTranslation.stock(row);
	}

	@Override
	public ReconciliationKey<String> key() {
		return ReconciliationKey.textInByteOrder("p.sku");
	}

	@Override
	public String key(LegacyStock row) {
		return row.sku();
	}

	@Override
	public long digest(StockLevel level) {
		return InventoryManagement.stockDigest(level.sku(), level.onHand());
	}

	@Override
	public int store(List<StockLevel> levels) {
		Map<Sku, Integer> onHand = new LinkedHashMap<>();
		levels.forEach(level -> onHand.put(level.sku(), level.onHand()));
		return inventory.importStock(onHand);
	}

	@Override
	public void upsert(StockLevel level) {
		inventory.setStock(level.sku(), level.onHand());
	}

	/** A product that is gone on legacy has no stock there any more: 0 on hand, under the SKU the catalog knew. */
	@Override
	public Runnable removal(long id) {
		var sku = catalog.storedProduct(ProductId.of(id)).map(Product::sku);
		return () -> sku.ifPresent(gone -> inventory.setStock(gone, 0));
	}

	@Override
	public Optional<List<RangeChecksum>> newChecksums(List<@Nullable String> bounds) {
		return Optional.of(inventory.stockChecksums(bounds));
	}

	@Override
	public Map<String, Long> newDigests(@Nullable String from, @Nullable String to) {
		Map<String, Long> digests = new LinkedHashMap<>();
		inventory.stockDigests(from, to).forEach((sku, digest) -> digests.put(sku.code(), digest));
		return digests;
	}
}
