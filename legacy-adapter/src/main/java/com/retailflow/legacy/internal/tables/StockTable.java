package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.translation.LegacyStock;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.legacy.internal.translation.StockLevel;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

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
class StockTable implements SyncedTable<String> {

	private static final String SELECT = "SELECT p.id, p.sku, s.qty FROM products p LEFT JOIN stock s ON s.product_id = p.id ";
	private static final String SKU_BYTES = "CAST(p.sku AS BINARY)";

	private final LegacyDatabase legacy;
	private final InventoryManagement inventory;
	private final CatalogManagement catalog;

	StockTable(LegacyDatabase legacy, InventoryManagement inventory, CatalogManagement catalog) {
		this.legacy = legacy;
		this.inventory = inventory;
		this.catalog = catalog;
	}

	@Override
	public String module() {
		return "inventory";
	}

	@Override
	public String name() {
		return "stock";
	}

	@Override
	public Optional<Chunk> readChunk(long afterKey, int size) {
		var rows = legacy.jdbc().sql(SELECT + "WHERE p.id > ? ORDER BY p.id LIMIT ?").params(afterKey, size)
			.query((rs, n) -> row(rs))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		var levels = translate(rows);
		return Optional.of(new Translated(rows.getLast().productId(), rows.size(), rows.size() - levels.size(),
				() -> inventory.importStock(levels)));
	}

	@Override
	public long legacyCount() {
		return legacy.jdbc().sql("SELECT COUNT(*) FROM products").query(Long.class).single();
	}

	@Override
	public void readLegacy(@Nullable String from, @Nullable String to, Consumer<LegacyRow<String>> rows) {
		legacy.streaming()
			.query(SELECT + "WHERE (? IS NULL OR " + SKU_BYTES + " >= CAST(? AS BINARY)) AND (? IS NULL OR " + SKU_BYTES
					+ " < CAST(? AS BINARY)) ORDER BY " + SKU_BYTES, rs -> {
						var row = row(rs);
						try {
							var level = LegacyTranslation.stock(row);
							rows.accept(LegacyRow.translated(row.sku(),
									InventoryManagement.stockDigest(level.sku(), level.onHand())));
						}
						catch (UntranslatableRow ex) {
							rows.accept(LegacyRow.untranslatable(row.sku(), ex.reason()));
						}
					}, from, from, to, to);
	}

	@Override
	public List<RangeChecksum> newChecksums(List<@Nullable String> bounds) {
		return inventory.stockChecksums(bounds);
	}

	@Override
	public Map<String, Long> newDigests(@Nullable String from, @Nullable String to) {
		Map<String, Long> digests = new LinkedHashMap<>();
		inventory.stockDigests(from, to).forEach((sku, digest) -> digests.put(sku.code(), digest));
		return digests;
	}

	@Override
	public int resync(Collection<String> keys) {
		Set<String> wanted = new HashSet<>(keys);
		List<LegacyStock> rows = new ArrayList<>();
		for (var skus : Keys.chunks(keys)) {
			// IN matches case-insensitively under products.sku's collation; keep the exact keys only.
			legacy.jdbc()
				.sql(SELECT + "WHERE p.sku IN (" + Keys.placeholders(skus.size()) + ")")
				.params(skus)
				.query((rs, n) -> row(rs))
				.list()
				.stream()
				.filter(row -> wanted.contains(row.sku()))
				.forEach(rows::add);
		}
		var levels = translate(rows);
		return levels.isEmpty() ? 0 : inventory.importStock(levels);
	}

	/**
	 * The change table keys stock by legacy product id. A product that is gone on legacy has no stock there any more:
	 * 0 on hand, under the SKU the catalog knew it by (read before any change of the batch is applied).
	 */
	@Override
	public List<LiveRow> liveRows(Collection<String> changeKeys) {
		return LiveRows.byId(changeKeys, ids -> legacy.jdbc()
			.sql(SELECT + "WHERE p.id IN (" + Keys.placeholders(ids.size()) + ")")
			.params(ids)
			.query((rs, n) -> row(rs))
			.list(), LegacyStock::productId, row -> {
				StockLevel level = LegacyTranslation.stock(row);
				return () -> inventory.setStock(level.sku(), level.onHand());
			}, id -> {
				var sku = catalog.storedProduct(ProductId.of(id)).map(Product::sku);
				return () -> sku.ifPresent(gone -> inventory.setStock(gone, 0));
			});
	}

	@Override
	public String parseKey(String text) {
		return text;
	}

	private Map<Sku, Integer> translate(List<LegacyStock> rows) {
		Map<Sku, Integer> levels = new LinkedHashMap<>();
		for (var row : rows) {
			try {
				StockLevel level = LegacyTranslation.stock(row);
				levels.put(level.sku(), level.onHand());
			}
			catch (UntranslatableRow ex) {
				Untranslatable.log(name(), row.sku(), ex);
			}
		}
		return levels;
	}

	private static LegacyStock row(ResultSet rs) throws SQLException {
		return new LegacyStock(rs.getLong("id"), rs.getString("sku"), rs.getObject("qty", Integer.class));
	}
}
