package com.retailflow.orders;

/** No order has this id. */
public class UnknownOrder extends RuntimeException {

	public UnknownOrder(OrderId id) {
		super("No order " + id);
	}
}
