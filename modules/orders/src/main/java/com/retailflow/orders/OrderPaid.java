package com.retailflow.orders;

/** An order was paid; its stock reservations can be confirmed. */
public record OrderPaid(OrderId orderId, String paymentReference) {
}
