package com.retailflow.legacy.internal.writeback;

import java.util.Map;
import java.util.Optional;

import com.retailflow.proxy.RouteManagement;
import com.retailflow.proxy.RouteView;

import org.springframework.stereotype.Component;

/**
 * Which side owns a module's data: legacy until the route that serves the module's data to shoppers is cut over
 * ({@code NEW}, or {@code CANARY} at 100 %), the new module from then on. Catalog data follows the {@code catalog} route; stock follows
 * {@code checkout}, where stock is taken (the catalog only shows it).
 */
@Component
public class SystemOfRecord {

	/** The route whose mode decides who owns each synced module's data. */
	static final Map<String, String> OWNING_ROUTE = Map.of("catalog", "catalog", "inventory", "checkout");

	private final RouteManagement routes;

	SystemOfRecord(RouteManagement routes) {
		this.routes = routes;
	}

	/** Whether the new module is the system of record for its data (its owning route is cut over). */
	public boolean newSideOwns(String module) {
		return Optional.ofNullable(OWNING_ROUTE.get(module)).flatMap(routes::route).filter(RouteView::cutOver).isPresent();
	}

	/** The synced modules whose data the given route owns. */
	static java.util.List<String> modulesOwnedBy(String routeId) {
		return OWNING_ROUTE.entrySet().stream().filter(e -> e.getValue().equals(routeId)).map(Map.Entry::getKey).sorted().toList();
	}
}
