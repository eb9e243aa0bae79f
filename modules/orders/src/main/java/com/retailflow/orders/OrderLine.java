package com.retailflow.orders;

import java.math.BigDecimal;
import java.util.Objects;

import com.retailflow.kernel.Money;

/**
 * One line of an order as the shopper bought it: the product's name and price are copied in, so later catalog
 * changes do not rewrite history.
 *
 * @param productId the catalog's product id (a UUID on the new side, legacy's integer id for imported orders)
 * @param sku the stock keeping unit
 * @param name the product's name at the time of the order
 * @param unitPrice the price of one unit at the time of the order
 * @param quantity how many units, at least one
 */
public record OrderLine(String productId, String sku, String name, Money unitPrice, int quantity) {

	public OrderLine {
		Objects.requireNonNull(productId, "productId");
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(unitPrice, "unitPrice");
		if (quantity < 1) {
			throw new IllegalArgumentException("An order line needs a quantity of at least 1, not " + quantity);
		}
		if (unitPrice.isNegative()) {
			throw new IllegalArgumentException("A unit price cannot be negative: " + unitPrice);
		}
	}

	/** The unit price times the quantity, exact. */
	public Money total() {
		return Money.of(unitPrice.amount().multiply(BigDecimal.valueOf(quantity)), unitPrice.currency());
	}
}
