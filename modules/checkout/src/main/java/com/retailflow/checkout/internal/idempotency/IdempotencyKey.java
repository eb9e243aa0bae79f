package com.retailflow.checkout.internal.idempotency;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A value of the {@code Idempotency-Key} header (IETF httpapi draft -07): a Structured Field string,
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}. The bare form without quotes, as most clients send it, is taken
 * too. 1 to 255 printable ASCII characters; anything else (empty, longer, control or non-ASCII bytes) is refused.
 */
public record IdempotencyKey(String value) {

	public static final String HEADER = "Idempotency-Key";
	static final int MAX_LENGTH = 255;

	/** @return the key, or empty if the header value is not a valid key */
	public static Optional<IdempotencyKey> parse(@Nullable String header) {
		if (header == null) {
			return Optional.empty();
		}
		String value = header.strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = unquote(value.substring(1, value.length() - 1));
			if (value == null) {
				return Optional.empty();
			}
		}
		if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
			return Optional.empty();
		}
		return Optional.of(new IdempotencyKey(value));
	}

	/** An sf-string's content: {@code \"} and {@code \\} are the only escapes, a bare quote ends it too early. */
	private static @Nullable String unquote(String content) {
		var out = new StringBuilder(content.length());
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c == '\\') {
				if (i + 1 == content.length() || (content.charAt(i + 1) != '"' && content.charAt(i + 1) != '\\')) {
					return null;
				}
				out.append(content.charAt(++i));
			}
			else if (c == '"') {
				return null;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
