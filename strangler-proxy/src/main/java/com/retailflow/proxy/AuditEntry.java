package com.retailflow.proxy;

import java.math.BigDecimal;
import java.time.Instant;

/** One change of a route: who, when, from which state to which, and why. */
public record AuditEntry(long id, String routeId, Instant at, String actor, Mode fromMode, BigDecimal fromPercent,
		Mode toMode, BigDecimal toPercent, String reason, boolean forced, boolean automatic) {
}
