package com.retailflow.legacy.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.retailflow.identity.spi.LegacySessionLink;
import com.retailflow.identity.spi.LegacySignIn;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The session link: identity's sign-in and sign-out written into the shopper's PHP session exactly as legacy's
 * {@code sign_in()} and {@code logout.php} do, and legacy's sign-in read back, so a shopper has one sign-in on both
 * sides. See docs/adr/0021-one-sign-in-across-legacy-and-new.md.
 */
@Component
class IdentitySessionLink implements LegacySessionLink {

	private static final Logger log = LoggerFactory.getLogger(IdentitySessionLink.class);

	private final PhpSessions sessions;
	private final LegacyDatabase legacy;

	IdentitySessionLink(PhpSessions sessions, LegacyDatabase legacy) {
		this.sessions = sessions;
		this.legacy = legacy;
	}

	@Override
	public LegacySignIn current(HttpServletRequest request) {
		try {
			return sessionId(request).flatMap(sessions::load)
				.flatMap(values -> customerId(values.get("customer_id")))
				.<LegacySignIn>map(LegacySignIn.SignedIn::new)
				.orElseGet(LegacySignIn.SignedOut::new);
		}
		catch (DataAccessException ex) {
			log.warn("Legacy session unavailable, the sign-in cannot follow it now: {}", ex.getMessage());
			return new LegacySignIn.Unknown();
		}
	}

	/**
	 * Like PHP's {@code session_regenerate_id(true)} in {@code sign_in()}: the session's values (CSRF token, flash
	 * messages) move to a new id, the cart follows, the old row is gone; then the customer's keys.
	 */
	@Override
	public void signIn(long legacyCustomerId, String name, String email, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<String> old = sessionId(request);
		Map<String, Object> values = old.flatMap(sessions::load).orElseGet(LinkedHashMap::new);
		if (!(values.get("csrf") instanceof String csrf) || csrf.isEmpty()) {
			values.put("csrf", PhpSessions.newCsrfToken());
		}
		values.put("customer_id", legacyCustomerId);
		values.put("customer_name", name);
		values.put("customer_email", email);
		String renewed = sessions.start(values);
		old.ifPresent(id -> {
			legacy.jdbc().sql("UPDATE cart_items SET session_id = ? WHERE session_id = ?").params(renewed, id).update();
			legacy.jdbc().sql("DELETE FROM php_sessions WHERE id = ?").param(id).update();
		});
		response.addHeader("Set-Cookie", ResponseCookie.from(SessionBridge.COOKIE, renewed).path("/").httpOnly(true).build()
			.toString());
		// legacy's sign_in() sets these two as well; its sign-in form pre-fills the e-mail from the first. PHP's
		// setcookie() URL-encodes the value and PHP decodes it on reading, so "+" in an address must arrive as %2B.
		response.addHeader("Set-Cookie",
				ResponseCookie.from("remember_email", URLEncoder.encode(email, StandardCharsets.UTF_8))
					.path("/")
					.maxAge(Duration.ofDays(30))
					.build()
					.toString());
		response.addHeader("Set-Cookie", ResponseCookie.from("last_login", String.valueOf(System.currentTimeMillis() / 1000))
			.path("/")
			.maxAge(Duration.ofDays(365))
			.httpOnly(true)
			.build()
			.toString());
	}

	/** Like {@code logout.php}: the session row is deleted (its cart rows stay behind, as there), the cookie cleared. */
	@Override
	public void signOut(HttpServletRequest request, HttpServletResponse response) {
		Optional<String> id = sessionId(request);
		if (id.isEmpty()) {
			return;
		}
		legacy.jdbc().sql("DELETE FROM php_sessions WHERE id = ?").param(id.get()).update();
		response.addHeader("Set-Cookie",
				ResponseCookie.from(SessionBridge.COOKIE, "").path("/").httpOnly(true).maxAge(0).build().toString());
	}

	private static Optional<Long> customerId(Object stored) {
		long id = switch (stored) {
			case Number number -> number.longValue();
			case String text when text.matches("[1-9][0-9]{0,17}") -> Long.parseLong(text);
			case null, default -> 0;
		};
		return id > 0 ? Optional.of(id) : Optional.empty();
	}

	private static Optional<String> sessionId(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return cookies == null ? Optional.empty()
				: Arrays.stream(cookies).filter(c -> c.getName().equals(SessionBridge.COOKIE)).map(Cookie::getValue)
					.findFirst();
	}
}
