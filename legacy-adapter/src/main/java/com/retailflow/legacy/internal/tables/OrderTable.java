package com.retailflow.legacy.internal.tables;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.translation.LegacyOrderRow;
import com.retailflow.legacy.internal.translation.LegacyOrderTranslation;
import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.orders.LegacyOrder;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderManagement;

/**
 * Legacy {@code orders} with their {@code order_items} ↔ the orders module's imported orders, keyed by the legacy
 * order id. One legacy order is one synced row: its items come along in the same query (a correlated
 * {@code GROUP_CONCAT}, each field hex-encoded or numeric, so no text can break the encoding), and capture records a
 * change of an item as a change of its order.
 *
 * <p>Legacy rows that are the write-back of orders placed on the new side belong to the new side: importing one changes
 * nothing ({@link com.retailflow.orders.LegacyOrderImport#OWNED_HERE}), and reconciliation compares it with the
 * order as its write-back wrote it.
 */
@Component
@Order(10)
class OrderTable implements TableMapping<LegacyOrderRow, LegacyOrder, Long> {

	private static final char FIELD = ',';
	private static final char ITEM = ';';

	private final LegacyOrderTranslation translation;
	private final OrderManagement orders;

	OrderTable(LegacyTranslation translation, OrderManagement orders) {
		this.translation = new LegacyOrderTranslation(translation);
		this.orders = orders;
	}

	@Override
	public String module() {
		return "orders";
	}

	@Override
	public String table() {
		return "orders";
	}

	@Override
	public String columns() {
		// The unit price as the exact value of its FLOAT (20 decimals tell any float from its neighbours), so the
		// translation rounds the very float legacy stored, as it does for product prices.
		return """
				o.id, o.customer_id, c.email, o.status, o.total, o.created_at,
				(SELECT COUNT(*) FROM order_items ic WHERE ic.order_id = o.id) AS item_count,
				(SELECT GROUP_CONCAT(CONCAT_WS(',', i.id, i.product_id, i.qty, CAST(i.unit_price AS DECIMAL(40, 20)),
				    HEX(i.name), HEX(COALESCE(p.sku, ''))) ORDER BY i.id SEPARATOR ';')
				   FROM order_items i LEFT JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id) AS items""";
	}

	@Override
	public String from() {
		return "orders o LEFT JOIN customers c ON c.id = o.customer_id";
	}

	@Override
	public String idColumn() {
		return "o.id";
	}

	@Override
	public LegacyOrderRow row(ResultSet rs) throws SQLException {
		return new LegacyOrderRow(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("email"),
				rs.getInt("status"), rs.getFloat("total"), rs.getObject("created_at", LocalDateTime.class),
				items(rs.getString("items")), rs.getInt("item_count"));
	}

	/** The items as the query encodes them; a cut-off list (group_concat_max_len) reads short, and is refused. */
	static List<LegacyOrderRow.Item> items(@Nullable String encoded) {
		List<LegacyOrderRow.Item> items = new ArrayList<>();
		if (encoded == null || encoded.isEmpty()) {
			return items;
		}
		var hex = HexFormat.of();
		for (String item : encoded.split(String.valueOf(ITEM))) {
			String[] fields = item.split(String.valueOf(FIELD), -1);
			if (fields.length != 6) {
				break;
			}
			try {
				items.add(new LegacyOrderRow.Item(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
						Integer.parseInt(fields[2]), new BigDecimal(fields[3]).floatValue(),
						new String(hex.parseHex(fields[4]), StandardCharsets.UTF_8),
						new String(hex.parseHex(fields[5]), StandardCharsets.UTF_8)));
			}
			catch (IllegalArgumentException ex) {
				break;
			}
		}
		return items;
	}

	@Override
	public long id(LegacyOrderRow row) {
		return row.id();
	}

	@Override
	public LegacyOrder translate(LegacyOrderRow row) {
		return translation.order(row);
	}

	@Override
	public ReconciliationKey<Long> key() {
		return ReconciliationKey.number("o.id");
	}

	@Override
	public Long key(LegacyOrderRow row) {
		return row.id();
	}

	/**
	 * Over what an order's history shows and legacy's reports sum: customer, status, total, date and items. Not the
	 * e-mail, which the order only copies from legacy's customer.
	 */
	@Override
	public long digest(LegacyOrder order) {
		List<String> fields = new ArrayList<>();
		fields.add(Long.toString(order.legacyOrderId()));
		fields.add(Long.toString(order.legacyCustomerId()));
		fields.add(order.status().name());
		fields.add(order.total().toString());
		fields.add(Long.toString(order.placedAt().getEpochSecond()));
		for (OrderLine line : order.lines()) {
			fields.add(line.productId());
			fields.add(line.sku());
			fields.add(line.name());
			fields.add(line.unitPrice().toString());
			fields.add(Integer.toString(line.quantity()));
		}
		return RangeChecksum.digest(fields.toArray(String[]::new));
	}


	@Override
	public void upsert(LegacyOrder value) {
		orders.importLegacyOrder(value);
	}

	/**
	 * Legacy deleted an order: it stays in the history here. The shop never deletes orders; a row that is gone is
	 * drift for a person to look at, and reconciliation shows it.
	 */
	@Override
	public Runnable removal(long id) {
		return () -> {
		};
	}


	@Override
	public Map<Long, Long> newDigests(@Nullable Long from, @Nullable Long to) {
		Map<Long, Long> digests = new LinkedHashMap<>();
		orders.legacyOrders(from, to).forEach(order -> digests.put(order.legacyOrderId(), digest(order)));
		return digests;
	}
}
