package com.retailflow.checkout.internal.payment;

/** The provider gave no answer in time: whether the charge happened is unknown until it is looked up. */
public class PaymentUnknown extends RuntimeException {

	public PaymentUnknown(String message) {
		super(message);
	}
}
