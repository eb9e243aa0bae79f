package com.retailflow.proxy.internal.visits;

import com.retailflow.proxy.internal.routes.Route;
import com.retailflow.proxy.internal.routes.Side;

/** The side a shopper gets on a route by its mode, canary bucket and pins, with the evidence in words. */
public final class Canary {

	/** A side for a shopper on a route, with the evidence. */
	public record Assignment(Side side, int bucket, String reason) {
	}

	private Canary() {
	}

	/**
	 * Raising the percent only adds buckets below the threshold, so it only ever moves shoppers from legacy to
	 * new; a visit already pinned to new stays there (drain).
	 */
	public static Assignment assign(Route route, String shopperKey, boolean pinnedToNew) {
		return switch (route.mode()) {
			case LEGACY -> new Assignment(Side.LEGACY, -1,
					route.heldBecause() == null ? "route is LEGACY" : route.heldBecause());
			case SHADOW -> new Assignment(Side.LEGACY, -1, "route is SHADOW: legacy answers");
			case NEW -> new Assignment(Side.NEW, -1, "route is NEW");
			case CANARY -> {
				int bucket = CanaryBuckets.bucket(route.salt(), shopperKey);
				String threshold = route.percentBp() + " (canary " + Route.percent(route.percentBp()) + "%)";
				if (bucket < route.percentBp()) {
					yield new Assignment(Side.NEW, bucket, "bucket " + bucket + " < " + threshold);
				}
				if (pinnedToNew) {
					yield new Assignment(Side.NEW, bucket, "visit started on new; draining (bucket " + bucket + " >= "
							+ threshold + ")");
				}
				yield new Assignment(Side.LEGACY, bucket, "bucket " + bucket + " >= " + threshold);
			}
		};
	}
}
