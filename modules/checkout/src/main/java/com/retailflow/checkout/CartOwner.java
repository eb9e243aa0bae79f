package com.retailflow.checkout;

import java.util.Objects;
import java.util.Optional;

import com.retailflow.identity.AccountId;

/**
 * Whose cart: a signed-in account, or an anonymous shopper known by a key (the legacy shop's session id, or the
 * cart cookie the new side hands out when there is none).
 *
 * @param key the stored owner key, {@code account:<uuid>} or {@code anonymous:<key>}
 */
public record CartOwner(String key) {

	private static final String ACCOUNT = "account:";
	private static final String ANONYMOUS = "anonymous:";
	private static final String LEGACY_SESSION = ANONYMOUS + "php-";

	public CartOwner {
		Objects.requireNonNull(key, "key");
		if (!key.startsWith(ACCOUNT) && !key.startsWith(ANONYMOUS) || key.length() > 300) {
			throw new IllegalArgumentException("Not a cart owner: " + key);
		}
	}

	public static CartOwner account(AccountId account) {
		return new CartOwner(ACCOUNT + account.value());
	}

	/** @param shopperKey 1 to 255 printable ASCII characters */
	public static CartOwner anonymous(String shopperKey) {
		if (shopperKey.isEmpty() || shopperKey.length() > 255 || !shopperKey.chars().allMatch(c -> c > 32 && c < 127)) {
			throw new IllegalArgumentException("An anonymous shopper key is 1 to 255 printable ASCII characters");
		}
		return new CartOwner(ANONYMOUS + shopperKey);
	}

	/**
	 * The cart of a legacy PHP session (its {@code PHPSESSID}), which the legacy shop keeps while it serves carts
	 * (ADR 0057), whoever is signed in to that session.
	 */
	public static CartOwner legacySession(String sessionId) {
		return anonymous("php-" + sessionId);
	}

	/** The PHP session id, for a {@link #legacySession} cart. */
	public Optional<String> legacySessionId() {
		return key.startsWith(LEGACY_SESSION) ? Optional.of(key.substring(LEGACY_SESSION.length())) : Optional.empty();
	}

	public boolean anonymous() {
		return key.startsWith(ANONYMOUS);
	}
}
