package com.retailflow.orders;

/** An order left the warehouse. */
public record OrderShipped(OrderId orderId) {
}
