package com.retailflow.orders;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;

/**
 * An order as the rest of the system sees it.
 *
 * @param legacyOrderId legacy's integer order id, for orders imported from legacy or written back to it
 * @param cancelReason why the order was cancelled, when it was
 * @param shipTo where the order goes, when the checkout asked (not for imported legacy orders)
 */
public record OrderDetails(OrderId id, @Nullable AccountId accountId, String shopperEmail, OrderStatus status,
		List<OrderLine> lines, Money total, Instant placedAt, Instant updatedAt, @Nullable Long legacyOrderId,
		@Nullable String cancelReason, @Nullable ShippingAddress shipTo) {

	public OrderDetails {
		lines = List.copyOf(lines);
	}
}
