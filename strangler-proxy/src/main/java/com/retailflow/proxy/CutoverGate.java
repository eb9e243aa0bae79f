package com.retailflow.proxy;

/**
 * Decides whether a route may go {@code NEW} (or {@code CANARY} at 100 %): its module's data must be in sync with
 * legacy and its shadow answers must agree. The legacy adapter implements it from sync lag, reconciliation and the
 * route's {@link RouteManagement#shadowSummary shadow figures}; without an implementation, the proxy's default
 * reports "no sync status" (and a shadow difference rate over its threshold) and refuses.
 */
public interface CutoverGate {

	GateReport check(String routeId, String module);
}
