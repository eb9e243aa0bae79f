package com.retailflow.orders;

/** An order was cancelled; its stock goes back and its payment is voided. */
public record OrderCancelled(OrderId orderId, String reason) {
}
