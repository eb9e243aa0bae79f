package com.retailflow.proxy.internal.routing;

import java.util.Optional;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routes.Side;
import com.retailflow.proxy.internal.visits.Canary;
import com.retailflow.proxy.internal.visits.CanaryBuckets;

import org.springframework.stereotype.Component;

/** Answers "which side does this shopper get on this route, and why" for the admin API. */
@Component
public class Assignments {

	/** The answer of the assignment endpoint. */
	public record Assignment(String side, int bucket, String reason) {
	}

	private final RouteTable table;
	private final FallbackMonitor fallback;

	Assignments(RouteTable table, FallbackMonitor fallback) {
		this.table = table;
		this.fallback = fallback;
	}

	public Optional<Assignment> of(String routeId, String shopperKey) {
		return table.route(routeId).map(route -> {
			var assignment = Canary.assign(route, shopperKey, false);
			int bucket = route.mode() == Mode.CANARY ? assignment.bucket() : CanaryBuckets.bucket(route.salt(), shopperKey);
			if (assignment.side() == Side.NEW && fallback.isFallenBack(routeId)) {
				return new Assignment(Side.LEGACY.header(), bucket, "automatic fallback is active");
			}
			return new Assignment(assignment.side().header(), bucket, assignment.reason());
		});
	}
}
