package com.retailflow.orders;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;

/**
 * The command to place an order.
 *
 * @param orderId chosen by the caller: placing the same id again returns the order already placed
 * @param accountId the signed-in shopper's account, or {@code null} for a guest order
 * @param shopperEmail where the order confirmation goes
 * @param lines at least one line
 * @param total what the shopper agreed to pay; must equal the sum of the lines
 * @param shipTo where the order goes, when the checkout asked
 */
public record PlaceOrder(OrderId orderId, @Nullable AccountId accountId, String shopperEmail, List<OrderLine> lines,
		Money total, @Nullable ShippingAddress shipTo) {

	public PlaceOrder(OrderId orderId, @Nullable AccountId accountId, String shopperEmail, List<OrderLine> lines,
			Money total) {
		this(orderId, accountId, shopperEmail, lines, total, null);
	}

	public PlaceOrder {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(shopperEmail, "shopperEmail");
		Objects.requireNonNull(total, "total");
		lines = List.copyOf(lines);
	}
}
