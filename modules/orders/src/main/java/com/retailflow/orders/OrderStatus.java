package com.retailflow.orders;

/** Where an order is in its lifecycle: PLACED → PAID → SHIPPED → DELIVERED, or CANCELLED from PLACED or PAID. */
public enum OrderStatus {
	PLACED, PAID, SHIPPED, DELIVERED, CANCELLED
}
