package com.retailflow.proxy;

/**
 * Decides whether a route may go {@code NEW}: its module's data must be in sync with legacy. The legacy
 * adapter implements it from sync lag and reconciliation drift; without one, the proxy's default reports
 * "no sync status" and refuses.
 */
public interface CutoverGate {

	GateReport check(String routeId, String module);
}
