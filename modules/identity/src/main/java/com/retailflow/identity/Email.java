package com.retailflow.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address as identity stores and compares it: trimmed and lower-cased, so {@code Alice@Example.com} and
 * {@code alice@example.com} are one account (legacy's {@code customers.email} is unique under a case-insensitive
 * collation, so it never held both). At most 191 characters, legacy's column width.
 */
public record Email(String value) {

	public static final int MAX_LENGTH = 191;

	/** Roughly what PHP's FILTER_VALIDATE_EMAIL accepts: a dot-atom local part and a dotted host name. */
	private static final Pattern SHAPE = Pattern.compile(
			"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	public Email {
		if (value.length() > MAX_LENGTH || value.indexOf('@') > 64 || !SHAPE.matcher(value).matches()) {
			throw new InvalidAccountData("email", "Please enter a valid e-mail address.");
		}
	}

	/** Normalises what a shopper typed; refuses what is not an address. */
	public static Email of(String typed) {
		String trimmed = typed.strip();
		if (trimmed.length() > MAX_LENGTH) {
			throw new InvalidAccountData("email", "Please enter a valid e-mail address.");
		}
		return new Email(trimmed.toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return value;
	}
}
