package com.retailflow.checkout;

import com.retailflow.identity.AccountDetails;
import com.retailflow.orders.OrderId;

/**
 * Places an order from a signed-in shopper's cart: re-prices the cart, reserves its stock, places the order and
 * authorizes the payment, each step safe to repeat with the same order id (the caller's idempotency key chose it).
 */
public interface CheckoutManagement {

	/**
	 * @param orderId the id the order gets; checking out again with the same id never places a second order or charges
	 *        twice, it carries the first attempt on from where it stands
	 * @throws EmptyCart for an empty cart
	 * @throws CartChanged when the cart prices differently from {@link CheckoutRequest#expectedTotal()} or has a line
	 *         that cannot be bought as it is
	 * @throws OutOfStock when a line cannot be reserved
	 */
	default CheckoutResult checkout(AccountDetails shopper, CheckoutRequest request, OrderId orderId) {
		return checkout(shopper, CartOwner.account(shopper.id()), request, orderId);
	}

	/**
	 * {@link #checkout(AccountDetails, CheckoutRequest, OrderId)} from a given cart of the shopper's: the account's, or
	 * the shopper's legacy session's while the legacy shop keeps that cart (ADR 0057).
	 */
	CheckoutResult checkout(AccountDetails shopper, CartOwner cart, CheckoutRequest request, OrderId orderId);
}
