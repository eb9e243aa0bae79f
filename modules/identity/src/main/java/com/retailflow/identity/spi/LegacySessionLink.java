package com.retailflow.identity.spi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The shopper's session on the legacy shop, kept in step with the new side's: one sign-in for both. Identity calls
 * it when a shopper signs in or out on the new side, and asks it on every identity request who legacy thinks is
 * signed in. Failures (legacy's database down) surface as {@link LegacySignIn.Unknown}, never as an exception from
 * {@link #current}; the other methods may throw, and identity carries on without the link.
 */
public interface LegacySessionLink {

	/** Who the shopper's legacy session (its cookie on this request) is signed in as. */
	LegacySignIn current(HttpServletRequest request);

	/**
	 * Signs the legacy session in as this customer, as legacy's own sign-in does: a new session id (the cart moves
	 * with it), the customer's id, name and e-mail in the session, the new cookie on the response.
	 */
	void signIn(long legacyCustomerId, String name, String email, HttpServletRequest request,
			HttpServletResponse response);

	/** Ends the legacy session as legacy's sign-out does (its row is deleted, the cookie cleared). */
	void signOut(HttpServletRequest request, HttpServletResponse response);
}
