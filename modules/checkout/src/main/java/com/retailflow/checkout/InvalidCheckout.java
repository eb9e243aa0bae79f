package com.retailflow.checkout;

/** A checkout request with a field that cannot be accepted. */
public class InvalidCheckout extends RuntimeException {

	private final String field;

	public InvalidCheckout(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
