package com.retailflow.checkout;

/** Checkout of a cart without lines. */
public class EmptyCart extends RuntimeException {

	public EmptyCart(String message) {
		super(message);
	}
}
