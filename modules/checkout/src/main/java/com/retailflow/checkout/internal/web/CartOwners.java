package com.retailflow.checkout.internal.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.retailflow.checkout.CartManagement;
import com.retailflow.checkout.CartOwner;
import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.identity.IdentityManagement;

/**
 * Whose cart a request is about. A signed-in shopper (identity puts the account id in the security context's name)
 * owns the account's cart; an anonymous one is known by the legacy shop's session cookie, which the proxy and the
 * session bridge give every visitor, or else by a cart cookie of its own handed out on the first change. When a
 * signed-in request still carries an anonymous key, that cart is merged into the account's first (ADR 0046) — unless
 * the legacy shop keeps the session's cart (ADR 0057): then the session's cart stays the shopper's and a cart the
 * account kept here is merged into it.
 */
@Component
class CartOwners {

	static final String LEGACY_SESSION_COOKIE = "PHPSESSID";
	static final String CART_COOKIE = "RFCART";
	private static final Pattern PHP_SESSION_ID = Pattern.compile("[A-Za-z0-9,-]{16,128}");

	private final IdentityManagement identity;
	private final CartManagement carts;

	CartOwners(IdentityManagement identity, CartManagement carts) {
		this.identity = identity;
		this.carts = carts;
	}

	/** The signed-in shopper's account, if any. */
	Optional<AccountDetails> signedIn() {
		return SignedInAccount.current().flatMap(identity::find);
	}

	/** The owner for reading: no cookie is handed out. */
	CartOwner owner(HttpServletRequest request) {
		return resolve(request, null);
	}

	/** The owner for a change: an anonymous shopper without any key gets the cart cookie. */
	CartOwner ownerForChange(HttpServletRequest request, HttpServletResponse response) {
		return resolve(request, response);
	}

	private CartOwner resolve(HttpServletRequest request, @Nullable HttpServletResponse response) {
		Optional<CartOwner> anonymous = anonymousKey(request);
		Optional<AccountId> account = SignedInAccount.current();
		if (account.isPresent()) {
			if (anonymous.isPresent() && carts.keptByLegacy(anonymous.get())) {
				// the legacy shop keeps the session's cart, signed in or not: the account's cart joins it (ADR 0057)
				carts.mergeIntoSession(account.get(), anonymous.get());
				return anonymous.get();
			}
			anonymous.ifPresent(guest -> carts.merge(guest, account.get()));
			return CartOwner.account(account.get());
		}
		if (anonymous.isPresent()) {
			return anonymous.get();
		}
		String key = "rf-" + UUID.randomUUID();
		if (response != null) {
			var cookie = new Cookie(CART_COOKIE, key);
			cookie.setPath("/");
			cookie.setHttpOnly(true);
			cookie.setSecure(request.isSecure());
			cookie.setMaxAge(60 * 60 * 24 * 30);
			cookie.setAttribute("SameSite", "Lax");
			response.addCookie(cookie);
		}
		return CartOwner.anonymous(key);
	}

	private static Optional<CartOwner> anonymousKey(HttpServletRequest request) {
		Optional<String> legacy = legacySessionId(request);
		Optional<String> own = cookie(request, CART_COOKIE);
		return legacy.map(CartOwner::legacySession).or(() -> own.map(CartOwner::anonymous));
	}

	/** The request's PHP session id, if it carries a well-formed one. */
	static Optional<String> legacySessionId(HttpServletRequest request) {
		// PHP refuses other session ids (and hands out a new one), so such a cookie names no legacy cart
		return cookie(request, LEGACY_SESSION_COOKIE).filter(id -> PHP_SESSION_ID.matcher(id).matches());
	}

	private static Optional<String> cookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			String value = cookie.getValue();
			if (cookie.getName().equals(name) && value != null && !value.isEmpty() && value.length() <= 200
					&& value.chars().allMatch(c -> c > 32 && c < 127)) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
	}
}
