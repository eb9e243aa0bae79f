package com.retailflow.checkout.internal.cart;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A product id and how many units of it: all a cart keeps, prices come from the catalog when it is read. */
@Embeddable
class CartLine {

	@Column(name = "product_id", nullable = false)
	private long productId;

	@Column(name = "quantity", nullable = false)
	private int quantity;

	protected CartLine() {
		// for JPA
	}

	CartLine(long productId, int quantity) {
		this.productId = productId;
		this.quantity = quantity;
	}

	long productId() {
		return productId;
	}

	int quantity() {
		return quantity;
	}

	void quantity(int quantity) {
		this.quantity = quantity;
	}
}
