package com.retailflow.checkout;

import java.util.Objects;

import com.retailflow.kernel.Money;

/**
 * What the shopper submits to check out their cart: the legacy checkout form's fields, and the total they were shown.
 *
 * @param expectedTotal the cart total the shopper saw and agreed to; a cart that prices differently now is refused
 *        with {@link CartChanged}, so a changed price is shown before paying, never silently charged
 * @param cardNumber digits, spaces and dashes; the simulated provider's test cards are in docs/runbooks/checkout.md
 */
public record CheckoutRequest(String shipName, String shipAddress, String shipCity, String shipZip, String cardNumber,
		Money expectedTotal) {

	public CheckoutRequest {
		Objects.requireNonNull(shipName, "shipName");
		Objects.requireNonNull(shipAddress, "shipAddress");
		Objects.requireNonNull(shipCity, "shipCity");
		Objects.requireNonNull(shipZip, "shipZip");
		Objects.requireNonNull(cardNumber, "cardNumber");
		Objects.requireNonNull(expectedTotal, "expectedTotal");
		require("shipName", shipName, 100);
		require("shipAddress", shipAddress, 255);
		require("shipCity", shipCity, 100);
		require("shipZip", shipZip, 20);
		String digits = cardNumber.replaceAll("[\\s-]+", "");
		if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
			throw new InvalidCheckout("cardNumber", "The card number is not valid.");
		}
		cardNumber = digits;
		if (expectedTotal.isNegative()) {
			throw new InvalidCheckout("expectedTotal", "The expected total cannot be negative.");
		}
	}

	private static void require(String field, String value, int maxLength) {
		if (value.isBlank()) {
			throw new InvalidCheckout(field, field + " is required.");
		}
		if (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidCheckout(field, field + " is too long or contains control characters.");
		}
	}

	private static boolean luhn(String digits) {
		int sum = 0;
		boolean alternate = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (alternate) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			alternate = !alternate;
		}
		return sum % 10 == 0;
	}
}
