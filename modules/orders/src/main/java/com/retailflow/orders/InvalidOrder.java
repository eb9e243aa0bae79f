package com.retailflow.orders;

/** An order that cannot be placed as given: no lines, mixed currencies, a total that is not the sum of its lines. */
public class InvalidOrder extends IllegalArgumentException {

	public InvalidOrder(String message) {
		super(message);
	}
}
