package com.retailflow.checkout.internal.payment;

/** What a provider answered to an authorization. */
public sealed interface Authorization {

	/** @param reference the provider's id for the charge */
	record Approved(String reference) implements Authorization {
	}

	/** @param reason what the shopper is told */
	record Declined(String reason) implements Authorization {
	}
}
