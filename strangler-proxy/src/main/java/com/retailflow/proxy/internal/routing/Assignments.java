package com.retailflow.proxy.internal.routing;

import java.util.Optional;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.routes.RouteTable;
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
	Assignments(RouteTable table) {
		this.table = table;
	}

	public Optional<Assignment> of(String routeId, String shopperKey) {
		return table.serving(routeId).map(route -> {
			var assignment = Canary.assign(route, shopperKey, false);
			int bucket = route.mode() == Mode.CANARY ? assignment.bucket() : CanaryBuckets.bucket(route.salt(), shopperKey);
			return new Assignment(assignment.side().header(), bucket, assignment.reason());
		});
	}
}
