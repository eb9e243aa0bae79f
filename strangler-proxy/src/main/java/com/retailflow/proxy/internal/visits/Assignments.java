package com.retailflow.proxy.internal.visits;

import java.util.Optional;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routing.Decision;
import com.retailflow.proxy.internal.routing.Routing;

import org.springframework.stereotype.Component;

/** Answers "which side does this shopper get on this route, and why" for the admin API. */
@Component
public class Assignments {

	/** The answer of the assignment endpoint. */
	public record Assignment(String side, int bucket, String reason) {
	}

	private final RouteTable table;
	private final Routing routing;
	private final FallbackMonitor fallback;

	public Assignments(RouteTable table, Routing routing, FallbackMonitor fallback) {
		this.table = table;
		this.routing = routing;
		this.fallback = fallback;
	}

	public Optional<Assignment> of(String routeId, String shopperKey) {
		return table.route(routeId).map(route -> {
			var assignment = routing.assign(route, shopperKey, false);
			int bucket = route.mode() == Mode.CANARY ? assignment.bucket() : Murmur3.bucket(route.salt(), shopperKey);
			if (assignment.side() == Decision.Side.NEW && fallback.isFallenBack(routeId)) {
				return new Assignment("legacy", bucket, "automatic fallback is active");
			}
			return new Assignment(assignment.side().header(), bucket, assignment.reason());
		});
	}
}
