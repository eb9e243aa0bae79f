package com.retailflow.checkout;

/** The product does not exist for shoppers (unknown or hidden), or is not in the cart. */
public class ProductNotFound extends RuntimeException {

	public ProductNotFound(String message) {
		super(message);
	}
}
