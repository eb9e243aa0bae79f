package com.retailflow.proxy.internal.routing;

import java.util.Optional;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.routes.Route;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routes.Side;
import com.retailflow.proxy.internal.routing.Decision.Action;
import com.retailflow.proxy.internal.visits.Canary;
import com.retailflow.proxy.internal.visits.Visit;

import org.springframework.stereotype.Component;

/**
 * Decides, once per request, which side answers and at which URL: the route the path matches, the side the
 * route's mode and the shopper's canary bucket give, and the URL on that side.
 */
@Component
public class SideSelector {

	private final RouteTable table;
	private final UrlTranslation urls;
	private final FallbackMonitor fallback;

	SideSelector(RouteTable table, UrlTranslation urls, FallbackMonitor fallback) {
		this.table = table;
		this.urls = urls;
		this.fallback = fallback;
	}

	public Decision decide(String method, String path, String pathAndQuery, Visit visit) {
		var match = table.match(path);
		if (match.isEmpty()) {
			return new Decision(null, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, -1, "no route matches");
		}
		Route route = match.get().route();
		boolean legacyUrl = match.get().legacyUrl();
		boolean safe = method.equals("GET") || method.equals("HEAD");
		var assignment = Canary.assign(route, visit.key(), visit.pinnedTo(route.id()));
		if (assignment.side() == Side.NEW && safe && fallback.isFallenBack(route.id())) {
			assignment = new Canary.Assignment(Side.LEGACY, assignment.bucket(), "automatic fallback is active");
		}
		if (assignment.side() == Side.LEGACY) {
			String target = legacyUrl ? pathAndQuery : urls.toLegacy(pathAndQuery).orElse(pathAndQuery);
			String shadow = null;
			if (route.mode() == Mode.SHADOW && safe) {
				shadow = legacyUrl ? urls.toNew(pathAndQuery).orElse(null) : pathAndQuery;
			}
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, target, assignment.bucket(),
					assignment.reason(), shadow);
		}
		if (!legacyUrl) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		Optional<String> newUrl = urls.toNew(pathAndQuery);
		if (newUrl.isEmpty()) {
			// A legacy URL the new side has no page for yet: legacy keeps answering it.
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, assignment.bucket(),
					"no new URL for this legacy URL");
		}
		if (newUrl.get().equals(pathAndQuery)) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		boolean permanent = route.mode() == Mode.NEW && safe;
		return new Decision(route, Side.NEW, permanent ? Action.REDIRECT_NEW : Action.DISPATCH_NEW, newUrl.get(),
				assignment.bucket(), assignment.reason());
	}
}
