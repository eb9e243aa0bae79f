package com.retailflow.checkout;

/** The product exists but cannot be bought now (discontinued or out of stock). */
public class ProductUnavailable extends RuntimeException {

	public ProductUnavailable(String message) {
		super(message);
	}
}
