package com.retailflow.proxy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A route as the admin API and other modules see it. {@code percent} has at most two decimals. */
public record RouteView(String id, String module, List<String> patterns, List<String> newPatterns, Mode mode,
		BigDecimal percent, Instant updatedAt, String updatedBy) {
}
