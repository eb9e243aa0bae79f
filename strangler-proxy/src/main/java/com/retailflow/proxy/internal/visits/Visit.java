package com.retailflow.proxy.internal.visits;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One visit of a shopper: the key it is bucketed by (frozen for the visit) and the routes on which it was
 * sent to the new side, each with the route's generation then, so that lowering a canary lets the visit finish
 * there while a later canary (after the route went back to legacy) never inherits the pin.
 *
 * @param lastSeen epoch seconds of the last request that refreshed the cookie (the visit ends after an idle timeout)
 * @param mintedShopper a shopper cookie minted on this request, to be set on the response, else null
 * @param changed whether the visit cookie must be (re)written on this response
 */
public record Visit(String key, Map<String, Integer> pins, long lastSeen, @Nullable String mintedShopper,
		boolean changed) {

	public Visit {
		pins = Map.copyOf(pins);
	}

	/** True when the visit was sent to the new side on this route in the route's current generation. */
	public boolean pinnedTo(String routeId, int generation) {
		Integer pinned = pins.get(routeId);
		return pinned != null && pinned == generation;
	}

	public Visit pin(String routeId, int generation) {
		if (pinnedTo(routeId, generation)) {
			return this;
		}
		var pinned = new LinkedHashMap<>(pins);
		pinned.put(routeId, generation);
		return new Visit(key, pinned, lastSeen, mintedShopper, true);
	}
}
