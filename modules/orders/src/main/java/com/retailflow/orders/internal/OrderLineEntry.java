package com.retailflow.orders.internal;

import java.math.BigDecimal;
import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderLine;

/** How an {@link OrderLine} is stored: the amount in the order's currency, which the order keeps once. */
@Embeddable
class OrderLineEntry {

	@Column(name = "product_id")
	private String productId;

	private String sku;

	private String name;

	@Column(name = "unit_price")
	private BigDecimal unitPrice;

	private int quantity;

	@SuppressWarnings("NullAway.Init")
	protected OrderLineEntry() {
		// for JPA
	}

	OrderLineEntry(OrderLine line) {
		this.productId = line.productId();
		this.sku = line.sku();
		this.name = line.name();
		this.unitPrice = line.unitPrice().amount();
		this.quantity = line.quantity();
	}

	OrderLine toLine(Currency currency) {
		return new OrderLine(productId, sku, name, Money.of(unitPrice, currency), quantity);
	}
}
