package com.retailflow.identity.spi;

/** What the legacy session says about the shopper. */
public sealed interface LegacySignIn {

	/** Signed in on legacy as {@code customers.id = customerId}. */
	record SignedIn(long customerId) implements LegacySignIn {
	}

	/** No legacy session, or one nobody is signed in to. */
	record SignedOut() implements LegacySignIn {
	}

	/** Legacy could not be asked (its database is unavailable): nothing may be concluded. */
	record Unknown() implements LegacySignIn {
	}
}
