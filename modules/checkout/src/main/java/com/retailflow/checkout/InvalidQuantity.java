package com.retailflow.checkout;

/** A quantity outside what a cart line allows. */
public class InvalidQuantity extends RuntimeException {

	public InvalidQuantity(String message) {
		super(message);
	}
}
