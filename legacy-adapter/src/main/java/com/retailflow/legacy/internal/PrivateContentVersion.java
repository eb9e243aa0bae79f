package com.retailflow.legacy.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;

/**
 * The shopper's private-content version: a small cookie ({@value #COOKIE}) that gets a new random value on every
 * response to a request that may change the shopper's session or cart (Magento 2's {@code private_content_version}).
 * A shopper state kept under one version is never used for a request that carries another, so the next page after
 * such a request, on any instance, reads the session again. An absent cookie is a version too (the empty one).
 */
final class PrivateContentVersion {

	static final String COOKIE = "rf_pcv";
	private static final SecureRandom RANDOM = new SecureRandom();

	private PrivateContentVersion() {
	}

	/** The version this request carries; empty when it carries none. */
	static String of(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return "";
	}

	/** Hands this response's shopper a version no state was kept under. */
	static void bump(HttpServletResponse response) {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		// Same scope as PHPSESSID (path /, HttpOnly, ends with the browser session); the proxy's error pages keep rf_ cookies.
		response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, HexFormat.of().formatHex(bytes))
			.path("/")
			.httpOnly(true)
			.sameSite("Lax")
			.build()
			.toString());
	}
}
