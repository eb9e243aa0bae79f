package com.retailflow.checkout;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.kernel.Money;

/**
 * A cart priced at this moment.
 *
 * @param lines in the order they were first added
 * @param itemCount the sum of the quantities, as the shop header counts
 * @param total the sum of the line totals, exact
 * @param expiresAt when an untouched cart is forgotten; {@code null} for a cart never filled
 */
public record CartView(List<CartLineView> lines, int itemCount, Money total, @Nullable Instant expiresAt) {

	public CartView {
		lines = List.copyOf(lines);
	}

	public boolean empty() {
		return lines.isEmpty();
	}

	/** Whether every line can be bought as it is (nothing hidden, discontinued or short of stock). */
	public boolean orderable() {
		return !lines.isEmpty() && lines.stream().allMatch(CartLineView::orderable);
	}
}
