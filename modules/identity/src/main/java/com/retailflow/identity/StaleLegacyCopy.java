package com.retailflow.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An account whose last change made on the new side could not be written to legacy's {@code customers} row. After a
 * rollback of identity to LEGACY such a shopper signs in on legacy only with what legacy last held (the previous
 * e-mail or password), or, with no {@code legacyId}, not at all. The shopper's next sign-in on the new side repairs it.
 */
public record StaleLegacyCopy(AccountId account, Email email, @Nullable Long legacyId, Instant since) {

	/** Registered here, and legacy never got the row: no sign-in on legacy until it does. */
	public boolean unknownToLegacy() {
		return legacyId == null;
	}
}
