package com.retailflow.proxy.internal.visits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.retailflow.proxy.ShopperIdentity;
import com.retailflow.proxy.internal.ProxySettings;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Who a request belongs to, for canary bucketing.
 *
 * <p>The shopper key is the customer id when the visit starts signed in, else a long-lived first-party cookie
 * the proxy mints on the first visit. The key is frozen into a visit cookie, so signing in halfway through a
 * visit never moves the shopper to the other side. The visit cookie also carries the routes the visit is pinned
 * to the new side on (see {@link Visit}); it is signed (HMAC-SHA256 with the configured secret), so a shopper
 * can neither pin itself to the new side nor choose its key, and it ends after an idle timeout.
 */
@Component
public class Visits {

	static final String SHOPPER_COOKIE = "rf_shopper";
	static final String VISIT_COOKIE = "rf_visit";
	private static final String HMAC = "HmacSHA256";

	private static final Logger log = LoggerFactory.getLogger(Visits.class);

	private final List<ShopperIdentity> identities;
	/** Initialised once; each signature works on a clone (Mac.getInstance and init per request cost more). */
	private final Mac signer;
	private final Duration idleTimeout;

	Visits(List<ShopperIdentity> identities, ProxySettings settings) {
		this.identities = identities;
		this.idleTimeout = settings.visits().idleTimeout();
		byte[] key;
		if (settings.visits().secret().isBlank()) {
			log.warn("retailflow.proxy.visits.secret is not set: visit cookies are signed with a random key, so they "
					+ "do not survive a restart and are not shared between instances. Set it in production.");
			key = new byte[32];
			new SecureRandom().nextBytes(key);
		}
		else {
			key = settings.visits().secret().getBytes(StandardCharsets.UTF_8);
		}
		try {
			this.signer = Mac.getInstance(HMAC);
			this.signer.init(new SecretKeySpec(key, HMAC));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** The visit of this request; a new one when the browser brings none, a forged one or an expired one. */
	public Visit visit(HttpServletRequest request) {
		long now = Instant.now().getEpochSecond();
		var existing = cookie(request, VISIT_COOKIE).flatMap(this::decode)
			.filter(visit -> now - visit.lastSeen() < idleTimeout.toSeconds());
		if (existing.isPresent()) {
			var visit = existing.get();
			// Refresh the idle clock now and then, not on every response.
			boolean refresh = now - visit.lastSeen() >= Math.max(1, idleTimeout.toSeconds() / 6);
			return refresh ? new Visit(visit.key(), visit.pins(), now, null, true) : visit;
		}
		var customer = identities.stream().map(identity -> customerId(identity, request)).flatMap(Optional::stream).findFirst();
		if (customer.isPresent()) {
			return new Visit(customer.get(), Map.of(), now, null, true);
		}
		var shopper = cookie(request, SHOPPER_COOKIE).filter(Visits::looksLikeUuid);
		if (shopper.isPresent()) {
			return new Visit(shopper.get(), Map.of(), now, null, true);
		}
		String minted = UUID.randomUUID().toString();
		return new Visit(minted, Map.of(), now, minted, true);
	}

	/** Who is signed in, if the identity source can say: when it cannot (legacy's database down), nobody. */
	private static Optional<String> customerId(ShopperIdentity identity, HttpServletRequest request) {
		try {
			return identity.customerId(request);
		}
		catch (RuntimeException ex) {
			log.warn("Shopper identity unavailable, keying the visit by the shopper cookie: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * Writes the cookies the visit needs on this response: the minted shopper cookie, and the visit cookie when
	 * new or changed. {@code Secure} when the shopper came over HTTPS (as a trusted proxy in front says).
	 */
	public void save(Visit visit, HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			return;
		}
		boolean secure = request.isSecure();
		if (visit.mintedShopper() != null) {
			response.addHeader("Set-Cookie", ResponseCookie.from(SHOPPER_COOKIE, visit.mintedShopper()).path("/")
				.httpOnly(true).secure(secure).sameSite("Lax").maxAge(Duration.ofDays(400)).build().toString());
		}
		if (visit.changed()) {
			response.addHeader("Set-Cookie", ResponseCookie.from(VISIT_COOKIE, encode(visit)).path("/").httpOnly(true)
				.secure(secure).sameSite("Lax").build().toString());
		}
	}

	String encode(Visit visit) {
		var pins = new StringBuilder();
		visit.pins().forEach((route, generation) -> pins.append(pins.isEmpty() ? "" : ",").append(route).append(':')
			.append(generation));
		String payload = base64(visit.key() + "|" + pins + "|" + visit.lastSeen());
		return payload + "." + base64(sign(payload));
	}

	Optional<Visit> decode(String value) {
		int dot = value.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String payload = value.substring(0, dot);
		try {
			byte[] signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
			if (!MessageDigest.isEqual(signature, sign(payload))) {
				return Optional.empty();
			}
			String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 3 || parts[0].isEmpty()) {
				return Optional.empty();
			}
			Map<String, Integer> pins = new LinkedHashMap<>();
			for (String pin : parts[1].isEmpty() ? new String[0] : parts[1].split(",")) {
				int colon = pin.lastIndexOf(':');
				pins.put(pin.substring(0, colon), Integer.parseInt(pin.substring(colon + 1)));
			}
			return Optional.of(new Visit(parts[0], pins, Long.parseLong(parts[2]), null, false));
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	private byte[] sign(String payload) {
		try {
			return ((Mac) signer.clone()).doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", ex);
		}
	}

	private static String base64(String text) {
		return base64(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
		for (Cookie cookie : cookies) {
			if (cookie.getName().equals(name)) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}
}
