package com.retailflow.proxy.internal.routing;

import java.util.List;
import java.util.Optional;

import com.retailflow.proxy.UrlTranslator;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.routes.Route;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routing.Decision.Action;
import com.retailflow.proxy.internal.routing.Decision.Side;
import com.retailflow.proxy.internal.visits.Murmur3;
import com.retailflow.proxy.internal.visits.ShopperKeys;

import org.springframework.stereotype.Component;

/** Decides, per request, which side answers — the heart of BRIEF §3. */
@Component
public class Routing {

	/** A side for a shopper on a route, with the evidence. */
	public record Assignment(Side side, int bucket, String reason) {
	}

	private final RouteTable table;
	private final List<UrlTranslator> translators;
	private final FallbackMonitor fallback;

	public Routing(RouteTable table, List<UrlTranslator> translators, FallbackMonitor fallback) {
		this.table = table;
		this.translators = translators;
		this.fallback = fallback;
	}

	public Decision decide(String method, String path, String pathAndQuery, ShopperKeys.Visit visit) {
		var match = table.match(path);
		if (match.isEmpty()) {
			return new Decision(null, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, -1, "no route matches");
		}
		Route route = match.get().route();
		boolean safe = method.equals("GET") || method.equals("HEAD");
		Assignment assignment = assign(route, visit.key(), visit.pinnedToNew().contains(route.id()));
		if (assignment.side() == Side.NEW && fallback.isFallenBack(route.id()) && safe) {
			assignment = new Assignment(Side.LEGACY, assignment.bucket(), "automatic fallback is active");
		}
		if (assignment.side() == Side.LEGACY) {
			String target = match.get().legacyUrl() ? pathAndQuery : toLegacy(pathAndQuery).orElse(pathAndQuery);
			String shadow = null;
			if (route.mode() == com.retailflow.proxy.Mode.SHADOW && safe) {
				shadow = match.get().legacyUrl() ? toNew(pathAndQuery).orElse(null) : pathAndQuery;
			}
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, target, assignment.bucket(),
					assignment.reason(), shadow);
		}
		if (!match.get().legacyUrl()) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		Optional<String> newUrl = toNew(pathAndQuery);
		if (newUrl.isEmpty()) {
			// A legacy URL the new side has no page for yet: legacy keeps answering it.
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, assignment.bucket(),
					"no new URL for this legacy URL");
		}
		if (newUrl.get().equals(pathAndQuery)) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		boolean permanent = route.mode() == com.retailflow.proxy.Mode.NEW && safe;
		return new Decision(route, Side.NEW, permanent ? Action.REDIRECT_NEW : Action.DISPATCH_NEW, newUrl.get(),
				assignment.bucket(), assignment.reason());
	}

	/**
	 * The side a shopper gets on a route. Raising the percent only adds buckets below the threshold, so it
	 * only ever moves shoppers from legacy to new; a visit already pinned to new stays there (drain).
	 */
	public Assignment assign(Route route, String shopperKey, boolean pinnedToNew) {
		return switch (route.mode()) {
			case LEGACY -> new Assignment(Side.LEGACY, -1, "route is LEGACY");
			case SHADOW -> new Assignment(Side.LEGACY, -1, "route is SHADOW: legacy answers");
			case NEW -> new Assignment(Side.NEW, -1, "route is NEW");
			case CANARY -> {
				int bucket = Murmur3.bucket(route.salt(), shopperKey);
				if (bucket < route.percentBp()) {
					yield new Assignment(Side.NEW, bucket, "bucket " + bucket + " < " + route.percentBp() + " (canary "
							+ Route.percent(route.percentBp()) + "%)");
				}
				if (pinnedToNew) {
					yield new Assignment(Side.NEW, bucket, "visit started on new; draining (bucket " + bucket + " >= "
							+ route.percentBp() + ")");
				}
				yield new Assignment(Side.LEGACY, bucket, "bucket " + bucket + " >= " + route.percentBp() + " (canary "
						+ Route.percent(route.percentBp()) + "%)");
			}
		};
	}

	public Optional<String> toNew(String pathAndQuery) {
		return translators.stream().map(t -> t.toNew(pathAndQuery)).flatMap(Optional::stream).findFirst();
	}

	public Optional<String> toLegacy(String pathAndQuery) {
		return translators.stream().map(t -> t.toLegacy(pathAndQuery)).flatMap(Optional::stream).findFirst();
	}
}
