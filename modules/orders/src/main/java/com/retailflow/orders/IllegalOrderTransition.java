package com.retailflow.orders;

/** The order cannot make this move from the status it is in (shipping a cancelled order, paying it twice). */
public class IllegalOrderTransition extends RuntimeException {

	private final OrderId orderId;

	private final OrderStatus status;

	public IllegalOrderTransition(OrderId orderId, OrderStatus status, String attempted) {
		super("Order %s is %s and cannot be %s".formatted(orderId, status, attempted));
		this.orderId = orderId;
		this.status = status;
	}

	public OrderId orderId() {
		return orderId;
	}

	public OrderStatus status() {
		return status;
	}
}
