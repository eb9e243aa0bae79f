package com.retailflow.proxy;

/**
 * Called by the proxy before it commits a route's mode change, so that whoever keeps the route's data in sync can
 * hand the system of record over first (the legacy adapter drains what the old owner still has pending). Throwing
 * {@link RouteManagement.CutoverRefused} refuses a flip to {@code NEW}; a flip back to {@code LEGACY} must never be
 * refused, so implementations only do their best there. {@code CANARY} at 100 % sends everyone to the new side, so it
 * is passed as {@code NEW} (as {@link RouteView#cutOver()} counts it).
 */
public interface OwnershipHandover {

	void beforeFlip(String routeId, String module, Mode from, Mode to);
}
