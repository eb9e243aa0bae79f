package com.retailflow.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A legacy {@code customers} row, already translated by the legacy adapter: e-mail as stored there (any case), the
 * name in proper UTF-8, and the unsalted md5 hex digest legacy keeps as the password.
 */
public record LegacyCustomer(long legacyId, String email, String name, String md5Password, Instant createdAt) {

	private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

	public LegacyCustomer {
		Objects.requireNonNull(createdAt, "createdAt");
		if (legacyId <= 0) {
			throw new IllegalArgumentException("legacy id " + legacyId);
		}
		md5Password = md5Password.toLowerCase(java.util.Locale.ROOT);
		if (!MD5_HEX.matcher(md5Password).matches()) {
			throw new IllegalArgumentException("Legacy customer " + legacyId + " has no md5 hex password");
		}
	}

	@Override
	public String toString() {
		return "LegacyCustomer[legacyId=" + legacyId + ", email=" + email + "]";
	}
}
