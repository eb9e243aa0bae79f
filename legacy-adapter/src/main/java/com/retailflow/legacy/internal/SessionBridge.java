package com.retailflow.legacy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.catalog.spi.ShopperContext;
import com.retailflow.catalog.spi.ShopperState;
import com.retailflow.proxy.ShadowCopies;
import com.retailflow.proxy.ShopperIdentity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The session bridge: new pages see the legacy session (who is signed in, the cart, the CSRF token, flash
 * messages) and write to it as PHP would, so a shopper notices no seam when a route flips either way.
 */
@Component
class SessionBridge implements ShopperContext, ShopperIdentity {

	static final String COOKIE = "PHPSESSID";
	private static final Logger log = LoggerFactory.getLogger(SessionBridge.class);

	private final PhpSessions sessions;
	private final KeptShopperStates kept;

	SessionBridge(PhpSessions sessions, KeptShopperStates kept) {
		this.sessions = sessions;
		this.kept = kept;
	}

	@Override
	public Optional<String> customerId(HttpServletRequest request) {
		return sessionId(request).flatMap(sessions::load)
			.map(values -> values.get("customer_id"))
			.map(String::valueOf);
	}

	@Override
	public ShopperState current(HttpServletRequest request, HttpServletResponse response) {
		if (ShadowCopies.isShadowCopy(request)) {
			// The proxy's copy of a shopper's request carries no session and must not start one.
			return ShopperState.anonymous();
		}
		try {
			return bridge(request, response);
		}
		catch (DataAccessException ex) {
			// The legacy database is down or saturated: show the page with an anonymous header rather than fail it.
			log.warn("Legacy session unavailable, rendering an anonymous header: {}", ex.getMessage());
			return ShopperState.anonymous();
		}
	}

	private ShopperState bridge(HttpServletRequest request, HttpServletResponse response) {
		var id = sessionId(request);
		String version = PrivateContentVersion.of(request);
		var keptState = id.flatMap(session -> kept.find(session, version));
		if (keptState.isPresent()) {
			return keptState.get();
		}
		var loaded = id.flatMap(sessions::loadWithCart);
		if (loaded.isEmpty()) {
			// Like the legacy shop, every page hands out a session with a CSRF token, so the add-to-cart form works.
			String csrf = PhpSessions.newCsrfToken();
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("csrf", csrf);
			String session = sessions.start(values);
			response.addHeader("Set-Cookie",
					ResponseCookie.from(COOKIE, session).path("/").httpOnly(true).build().toString());
			var started = new ShopperState(null, 0, csrf, List.of());
			kept.keep(session, version, started);
			return started;
		}
		Map<String, Object> values = loaded.get().values();
		boolean changed = false;
		if (!(values.get("csrf") instanceof String csrf) || csrf.isEmpty()) {
			values.put("csrf", PhpSessions.newCsrfToken());
			changed = true;
		}
		List<ShopperState.Flash> flashes = flashes(values.remove("flash"));
		changed |= !flashes.isEmpty();
		if (changed) {
			sessions.save(id.orElseThrow(), values);
		}
		String name = values.get("customer_name") instanceof String text ? text : null;
		var state = new ShopperState(name, loaded.get().cartUnits(), (String) values.get("csrf"), flashes);
		kept.keep(id.orElseThrow(), version, state);
		return state;
	}

	private static List<ShopperState.Flash> flashes(Object stored) {
		List<ShopperState.Flash> flashes = new ArrayList<>();
		if (stored instanceof Map<?, ?> list) {
			for (Object entry : list.values()) {
				if (entry instanceof Map<?, ?> flash && flash.get("text") instanceof String text) {
					var kind = "error".equals(flash.get("type")) ? ShopperState.Flash.Kind.ERROR
							: ShopperState.Flash.Kind.SUCCESS;
					flashes.add(new ShopperState.Flash(kind, text));
				}
			}
		}
		return flashes;
	}

	static Optional<String> sessionId(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return cookies == null ? Optional.empty()
				: Arrays.stream(cookies).filter(c -> c.getName().equals(COOKIE)).map(Cookie::getValue).findFirst();
	}
}
