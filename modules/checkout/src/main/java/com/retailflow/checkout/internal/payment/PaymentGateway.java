package com.retailflow.checkout.internal.payment;

import java.util.Optional;

import com.retailflow.kernel.Money;

/**
 * The payment provider, seen from checkout. Every call names the charge by an idempotency key (checkout uses the
 * order id): repeating a call with the same key never charges twice, it answers what the first call did.
 */
public interface PaymentGateway {

	/**
	 * Authorizes (holds) the amount on the card.
	 *
	 * @return approved with the provider's reference, or declined with a reason the shopper may read
	 * @throws PaymentUnknown when no answer came (a timeout): the charge may or may not exist, {@link #lookup} tells
	 */
	Authorization authorize(String idempotencyKey, Money amount, String cardNumber);

	/**
	 * The authorization made under this key, if any: how an unknown outcome is resolved (ADR 0048).
	 *
	 * @throws PaymentUnknown when the provider cannot be asked right now
	 */
	Optional<Authorization.Approved> lookup(String idempotencyKey);

	/** Takes the held amount (when the order ships). Idempotent. */
	void capture(String idempotencyKey);

	/** Lets the hold go (when the order is cancelled); a key without a charge is fine. Idempotent. */
	void voidAuthorization(String idempotencyKey);
}
