package com.retailflow.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;

/** An order was placed and waits for payment. */
public record OrderPlaced(OrderId orderId, @Nullable AccountId accountId, List<OrderLine> lines, Money total) {

	public OrderPlaced {
		lines = List.copyOf(lines);
	}
}
