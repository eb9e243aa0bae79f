package com.retailflow.catalog.spi;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the shop header and forms need to know about the current shopper.
 *
 * @param customerName the signed-in customer's name shown as "Hi, …", {@code null} when nobody is signed in
 * @param cartItemCount units in the cart (the legacy shop counts the sum of quantities), not negative
 * @param csrfToken the token POST forms carry in their hidden {@code csrf} field; empty when there is none
 * @param flashes one-shot messages to show at the top of this page (already taken from the session)
 */
public record ShopperState(@Nullable String customerName, int cartItemCount, String csrfToken, List<Flash> flashes) {

	public ShopperState {
		Objects.requireNonNull(csrfToken, "csrfToken");
		flashes = List.copyOf(flashes);
		if (cartItemCount < 0) {
			throw new IllegalArgumentException("A cart cannot hold " + cartItemCount + " items");
		}
		if (customerName != null && customerName.isBlank()) {
			customerName = null;
		}
	}

	/** Nobody signed in, an empty cart, no token, no messages. */
	public static ShopperState anonymous() {
		return new ShopperState(null, 0, "", List.of());
	}

	public boolean signedIn() {
		return customerName != null;
	}

	/**
	 * A one-shot message ("Added to your cart.").
	 *
	 * @param kind success or error, which styles it
	 * @param text plain text
	 */
	public record Flash(Kind kind, String text) {

		public Flash {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(text, "text");
		}

		/** How a flash message is styled. */
		public enum Kind {
			SUCCESS, ERROR
		}
	}
}
