package com.retailflow.orders;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.retailflow.kernel.Money;

/**
 * One order as legacy's {@code orders} and {@code order_items} rows hold it, translated by the legacy adapter.
 *
 * @param legacyOrderId legacy's {@code orders.id}
 * @param legacyCustomerId legacy's {@code orders.customer_id} (the account that has this legacy id sees the order)
 * @param shopperEmail the legacy customer's e-mail, or empty when legacy has no such customer
 * @param status the status legacy's code stands for
 * @param lines legacy's items, in their order; may be empty (legacy does not forbid it)
 * @param total legacy's stored total, rounded to the currency's minor unit
 * @param placedAt legacy's {@code created_at}
 */
public record LegacyOrder(long legacyOrderId, long legacyCustomerId, String shopperEmail, OrderStatus status,
		List<OrderLine> lines, Money total, Instant placedAt) {

	public LegacyOrder {
		Objects.requireNonNull(shopperEmail, "shopperEmail");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(total, "total");
		Objects.requireNonNull(placedAt, "placedAt");
		lines = List.copyOf(lines);
	}
}
