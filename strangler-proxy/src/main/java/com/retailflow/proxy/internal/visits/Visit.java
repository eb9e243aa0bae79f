package com.retailflow.proxy.internal.visits;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One visit of a shopper: the key it is bucketed by (frozen for the visit) and the routes on which it was
 * sent to the new side, so that lowering a canary lets it finish there.
 *
 * @param changed whether the visit cookie must be (re)written on this response
 */
public record Visit(String key, Set<String> pinnedToNew, boolean changed) {

	public Visit {
		pinnedToNew = Set.copyOf(pinnedToNew);
	}

	public boolean pinnedTo(String routeId) {
		return pinnedToNew.contains(routeId);
	}

	public Visit pin(String routeId) {
		if (pinnedToNew.contains(routeId)) {
			return this;
		}
		var pinned = new LinkedHashSet<>(pinnedToNew);
		pinned.add(routeId);
		return new Visit(key, pinned, true);
	}

	String encode() {
		String raw = key + "|" + String.join(",", pinnedToNew);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static Optional<Visit> decode(String value) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			if (bar <= 0) {
				return Optional.empty();
			}
			String routes = raw.substring(bar + 1);
			Set<String> pinned = routes.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(routes.split(",")));
			return Optional.of(new Visit(raw.substring(0, bar), pinned, false));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
