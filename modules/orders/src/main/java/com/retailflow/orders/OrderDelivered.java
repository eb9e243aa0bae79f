package com.retailflow.orders;

/** An order reached the shopper. */
public record OrderDelivered(OrderId orderId) {
}
