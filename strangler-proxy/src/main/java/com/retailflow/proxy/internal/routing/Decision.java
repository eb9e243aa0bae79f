package com.retailflow.proxy.internal.routing;

import com.retailflow.proxy.internal.routes.Route;
import com.retailflow.proxy.internal.routes.Side;

import org.jspecify.annotations.Nullable;

/**
 * Where one request goes and why: made once per request by {@link SideSelector}, handed to the side that answers.
 *
 * @param route the matched route, or null when no route matches (then legacy)
 * @param side the side that answers
 * @param action what the proxy does
 * @param target path and query on the answering side
 * @param bucket the shopper's canary bucket on this route (-1 when not bucketed)
 * @param reason why, in words (shown by the assignment endpoint)
 * @param shadowTarget for a SHADOW route's safe request: the new URL to shadow to, else null
 */
public record Decision(@Nullable Route route, Side side, Action action, String target, int bucket, String reason,
		@Nullable String shadowTarget) {

	Decision(@Nullable Route route, Side side, Action action, String target, int bucket, String reason) {
		this(route, side, action, target, bucket, reason, null);
	}

	public enum Action {
		/** Forward over HTTP to the legacy shop. */
		FORWARD_LEGACY,
		/** Let the new modules' controllers answer the request as it is. */
		SERVE_NEW,
		/** Dispatch internally to the new URL of a legacy URL. */
		DISPATCH_NEW,
		/** 301 from a legacy URL to its new URL (GET/HEAD on a NEW route). */
		REDIRECT_NEW
	}

	public String routeId() {
		return route == null ? "none" : route.id();
	}

	public boolean safe(String method) {
		return method.equals("GET") || method.equals("HEAD");
	}
}
