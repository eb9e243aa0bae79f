package com.retailflow.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A legacy {@code customers} row, already translated by the legacy adapter: e-mail as stored there (any case), the
 * name in proper UTF-8 (trimmed, as identity stores it), and the unsalted md5 hex digest legacy keeps as the password.
 * A row identity could not store is refused here, so the adapter can quarantine it instead of failing its batch.
 *
 * @throws IllegalArgumentException for a row identity cannot take: no md5, no valid e-mail address, an empty, overlong
 *         or control-character name
 */
public record LegacyCustomer(long legacyId, String email, String name, String md5Password, Instant createdAt) {

	private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

	public LegacyCustomer {
		Objects.requireNonNull(createdAt, "createdAt");
		if (legacyId <= 0) {
			throw new IllegalArgumentException("legacy id " + legacyId);
		}
		try {
			Email.of(email);
		}
		catch (InvalidAccountData ex) {
			throw new IllegalArgumentException("Legacy customer " + legacyId + " has no valid e-mail address");
		}
		name = name.strip();
		if (name.isEmpty() || name.codePointCount(0, name.length()) > 100 || name.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("Legacy customer " + legacyId + " has an empty, overlong or unprintable name");
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

	/** The e-mail address as identity stores and compares it. */
	public Email normalisedEmail() {
		return Email.of(email);
	}
}
