package com.retailflow.proxy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A route as the admin API and other modules see it. {@code percent} has at most two decimals; {@code mode}
 * is the mode the migration team chose (an automatic fallback does not change it, see {@code fallback}).
 * {@code legacyBreaker} is the state of the circuit breaker around the route's legacy side on the instance that
 * answers: {@code CLOSED} (legacy is called), {@code OPEN} (legacy is down: shoppers get 503 at once) or
 * {@code HALF_OPEN} (a few probe requests are let through).
 */
public record RouteView(String id, String module, List<String> patterns, List<String> newPatterns, Mode mode,
		BigDecimal percent, Instant updatedAt, String updatedBy, Fallback fallback, String legacyBreaker) {

	/** Whether everyone is sent to the new side: {@code NEW}, or {@code CANARY} at 100 %. Such a route is cut over. */
	public boolean cutOver() {
		return mode == Mode.NEW || (mode == Mode.CANARY && percent.compareTo(BigDecimal.valueOf(100)) >= 0);
	}

	/**
	 * The route's automatic fallback: its thresholds, and whether legacy currently answers in its place.
	 *
	 * @param errorRate the new side's 5xx share that trips it
	 * @param minRequests new-side requests needed in the window before it can trip
	 * @param window the sliding window the rate is measured over
	 * @param ejection how long the first fallback lasts (each further one in a row lasts twice as long)
	 * @param activeUntil while legacy answers in the route's place, until when; else null
	 * @param held why legacy answers in place of the chosen mode (a fallback, or a rollback not yet written), else null
	 */
	public record Fallback(double errorRate, int minRequests, Duration window, Duration ejection,
			@Nullable Instant activeUntil, @Nullable String held) {
	}
}
