package com.retailflow.legacy.internal.translation;

import java.time.LocalDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A legacy {@code orders} row with its {@code order_items} as legacy stores them: FLOAT money, the TINYINT status,
 * the zone-less DATETIME, and the customer's e-mail (NULL when legacy has no such customer).
 *
 * @param itemCount how many {@code order_items} the order has, to tell a complete list of items from a cut-off one
 */
public record LegacyOrderRow(long id, long customerId, @Nullable String customerEmail, int status, float total,
		@Nullable LocalDateTime createdAt, List<Item> items, int itemCount) {

	public LegacyOrderRow {
		items = List.copyOf(items);
	}

	/**
	 * One {@code order_items} row.
	 *
	 * @param unitPrice legacy's FLOAT, as the float it is
	 * @param sku the product's SKU, empty when the product is gone from legacy
	 */
	public record Item(long id, long productId, int quantity, float unitPrice, String name, String sku) {
	}
}
