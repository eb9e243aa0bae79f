package com.retailflow.checkout;

/** Inventory could not reserve a line of the cart at checkout; nothing was reserved, no order was placed. */
public class OutOfStock extends RuntimeException {

	public OutOfStock(String message, Throwable cause) {
		super(message, cause);
	}
}
