package com.retailflow.checkout;

import java.util.Objects;

import com.retailflow.orders.OrderDetails;

/**
 * What came of a checkout.
 *
 * @param order the order as it stands after the attempt
 * @param outcome how the payment ended
 */
public record CheckoutResult(OrderDetails order, Outcome outcome) {

	public CheckoutResult {
		Objects.requireNonNull(order, "order");
		Objects.requireNonNull(outcome, "outcome");
	}

	public enum Outcome {
		/** Authorized and the order is PAID; the cart is empty. */
		PAID,
		/** The provider declined: the order is CANCELLED and its stock released; the cart is kept. */
		DECLINED,
		/**
		 * The provider's answer was lost (ADR 0048): the order stays PLACED until the charge is looked up by its
		 * idempotency key, then it becomes PAID or CANCELLED. Never charged twice.
		 */
		PAYMENT_PENDING
	}
}
