package com.retailflow.checkout.spi;

import java.util.List;
import java.util.Map;

/**
 * The carts of legacy PHP sessions, read and written where the legacy shop keeps them, so both sides of a flipped
 * (or canary) checkout route show and change one cart per shopper (ADR 0057). Checkout validates every change before
 * it gets here; an implementation only stores it, atomically per call.
 */
public interface LegacyCarts {

	/** The session's lines in the order first added; empty for an unknown session. */
	List<LegacyCartLine> lines(String sessionId);

	/** Adds units to a line, creating it when absent; the line's quantity never passes {@code maxQuantity}. */
	void add(String sessionId, long productId, int quantity, int maxQuantity);

	/** Sets the quantities of lines already in the cart, all in one transaction; 0 removes the line. */
	void set(String sessionId, Map<Long, Integer> quantities);

	/** Removes a line; a product not in the cart changes nothing. */
	void remove(String sessionId, long productId);

	/** Empties the session's cart, as legacy's checkout does once the order is written. */
	void clear(String sessionId);

	/**
	 * Whether {@code token} is the CSRF token of the session's forms: legacy's add-to-cart forms (its product pages,
	 * and the catalog's, which print the PHP session's token) post it, also once the cart pages are the new side's.
	 */
	boolean formToken(String sessionId, String token);
}
