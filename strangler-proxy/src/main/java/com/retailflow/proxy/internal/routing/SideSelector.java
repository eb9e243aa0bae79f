package com.retailflow.proxy.internal.routing;

import java.util.Optional;

import com.retailflow.proxy.Mode;
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
	SideSelector(RouteTable table, UrlTranslation urls) {
		this.table = table;
		this.urls = urls;
	}

	/** False until the route table has been loaded: no request may be routed on an empty table. */
	public boolean ready() {
		return table.loaded();
	}

	public Decision decide(String method, String path, String pathAndQuery, Visit visit) {
		String canonical = LegacyUrlVariants.path(path);
		var match = table.match(canonical);
		if (match.isEmpty()) {
			return new Decision(null, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, -1, "no route matches");
		}
		Route route = match.get().route();
		boolean legacyUrl = match.get().legacyUrl();
		boolean safe = method.equals("GET") || method.equals("HEAD");
		var assignment = Canary.assign(route, visit.key(), visit.pinnedTo(route.id(), route.generation()));
		if (assignment.side() == Side.LEGACY) {
			String target = legacyUrl ? pathAndQuery : urls.toLegacy(pathAndQuery).orElse(pathAndQuery);
			String shadow = null;
			if (route.mode() == Mode.SHADOW && safe) {
				shadow = legacyUrl ? toNew(canonical, pathAndQuery).orElse(null) : pathAndQuery;
			}
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, target, assignment.bucket(),
					assignment.reason(), shadow);
		}
		if (!legacyUrl) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		Optional<String> newUrl = toNew(canonical, pathAndQuery);
		if (newUrl.isEmpty()) {
			// A legacy URL the new side has no page for yet: legacy keeps answering it.
			return new Decision(route, Side.LEGACY, Action.FORWARD_LEGACY, pathAndQuery, assignment.bucket(),
					"no new URL for this legacy URL");
		}
		if (newUrl.get().equals(pathAndQuery)) {
			return new Decision(route, Side.NEW, Action.SERVE_NEW, pathAndQuery, assignment.bucket(), assignment.reason());
		}
		boolean permanent = route.mode() == Mode.NEW && safe;
		// A variant of a legacy URL (/product.php/?id=42, //product.php?id=42) is translated like the URL itself.
		return new Decision(route, Side.NEW, permanent ? Action.REDIRECT_NEW : Action.DISPATCH_NEW, newUrl.get(),
				assignment.bucket(), assignment.reason());
	}

	/** The new URL of a legacy URL in any of its variants, tracking parameters carried over. */
	private Optional<String> toNew(String canonicalPath, String pathAndQuery) {
		int question = pathAndQuery.indexOf('?');
		var query = LegacyUrlVariants.query(question < 0 ? null : pathAndQuery.substring(question + 1));
		if (query.tracking().isEmpty() && canonicalPath.equals(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question))) {
			return urls.toNew(pathAndQuery);
		}
		return urls.toNew(canonicalPath + query.keptSuffix()).map(query::carriedTo);
	}
}
