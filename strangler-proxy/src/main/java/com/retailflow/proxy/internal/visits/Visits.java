package com.retailflow.proxy.internal.visits;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.retailflow.proxy.ShopperIdentity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Who a request belongs to, for canary bucketing.
 *
 * <p>The shopper key is the customer id when the visit starts signed in, else a long-lived first-party cookie
 * the proxy mints on the first visit. The key is frozen into a visit cookie (a browser-session cookie), so
 * signing in halfway through a visit never moves the shopper to the other side. The visit cookie also
 * remembers the routes on which the visit was sent to the new side (see {@link Visit}).
 */
@Component
public class Visits {

	static final String SHOPPER_COOKIE = "rf_shopper";
	static final String VISIT_COOKIE = "rf_visit";

	private final List<ShopperIdentity> identities;

	Visits(List<ShopperIdentity> identities) {
		this.identities = identities;
	}

	/** The visit of this request; a new one (and a new shopper cookie) when the browser brings none. */
	public Visit visit(HttpServletRequest request, HttpServletResponse response) {
		var existing = cookie(request, VISIT_COOKIE).flatMap(Visit::decode);
		if (existing.isPresent()) {
			return existing.get();
		}
		var customer = identities.stream().map(identity -> identity.customerId(request)).flatMap(Optional::stream).findFirst();
		String key;
		if (customer.isPresent()) {
			key = customer.get();
		}
		else {
			key = cookie(request, SHOPPER_COOKIE).filter(Visits::looksLikeUuid).orElseGet(() -> {
				String minted = UUID.randomUUID().toString();
				response.addHeader("Set-Cookie", ResponseCookie.from(SHOPPER_COOKIE, minted).path("/").httpOnly(true)
					.sameSite("Lax").maxAge(Duration.ofDays(400)).build().toString());
				return minted;
			});
		}
		return new Visit(key, Set.of(), true);
	}

	/** Writes the visit cookie when the visit is new or its pins changed. */
	public void save(Visit visit, HttpServletResponse response) {
		if (visit.changed() && !response.isCommitted()) {
			response.addHeader("Set-Cookie", ResponseCookie.from(VISIT_COOKIE, visit.encode()).path("/").httpOnly(true)
				.sameSite("Lax").build().toString());
		}
	}

	private static boolean looksLikeUuid(String value) {
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Optional<String> cookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		return Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).findFirst();
	}
}
