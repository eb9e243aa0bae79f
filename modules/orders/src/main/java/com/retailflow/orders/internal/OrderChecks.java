package com.retailflow.orders.internal;

import java.math.BigDecimal;

import com.retailflow.kernel.Money;
import com.retailflow.orders.InvalidOrder;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.PlaceOrder;

/** What an order must be before it is placed; the database's checks back these up. */
final class OrderChecks {

	static final int MAX_LINES = 200;
	static final int MAX_EMAIL = 191;
	static final int MAX_REFERENCE = 255;
	static final int MAX_REASON = 500;

	private OrderChecks() {
	}

	static void check(PlaceOrder order) {
		if (order.lines().isEmpty()) {
			throw new InvalidOrder("An order needs at least one line");
		}
		if (order.lines().size() > MAX_LINES) {
			throw new InvalidOrder("An order has at most " + MAX_LINES + " lines");
		}
		String email = order.shopperEmail().strip();
		if (email.isEmpty() || email.length() > MAX_EMAIL) {
			throw new InvalidOrder("The shopper's e-mail must be 1 to " + MAX_EMAIL + " characters");
		}
		var currency = order.total().currency();
		BigDecimal sum = BigDecimal.ZERO;
		for (OrderLine line : order.lines()) {
			if (!line.unitPrice().currency().equals(currency)) {
				throw new InvalidOrder("Line " + line.sku() + " is in " + line.unitPrice().currency()
						+ ", the order in " + currency);
			}
			if (line.productId().length() > 64 || line.sku().length() > 64 || line.name().length() > 255) {
				throw new InvalidOrder("Line " + line.sku() + " has an overlong product id, SKU or name");
			}
			sum = sum.add(line.total().amount());
		}
		if (!Money.of(sum, currency).equals(order.total())) {
			throw new InvalidOrder("The total " + order.total() + " is not the sum of the lines, " + Money.of(sum, currency));
		}
	}

	static String text(String value, int max, String what) {
		String stripped = value.strip();
		if (stripped.isEmpty() || stripped.length() > max) {
			throw new IllegalArgumentException(what + " must be 1 to " + max + " characters");
		}
		return stripped;
	}
}
