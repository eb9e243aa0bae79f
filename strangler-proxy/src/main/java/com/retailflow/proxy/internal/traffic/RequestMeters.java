package com.retailflow.proxy.internal.traffic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.retailflow.proxy.internal.routes.Side;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The per-route, per-side request timer {@code retailflow.proxy.requests}, which the console's charts read.
 *
 * <p>This is on every proxied request, so it does the least it can: the timers of a route are registered on its
 * first request and then found by one map lookup and an array index (no key object, no tag list per request),
 * and they keep a fixed set of latency buckets (what the console's p95 and Prometheus' histogram_quantile read)
 * instead of Micrometer's percentile histogram of about seventy buckets.
 */
@Component
public class RequestMeters {

	static final String NAME = "retailflow.proxy.requests";

	/** Bucket bounds: fine where storefront answers are, coarse in the tail (the chart shows the bound). */
	static final Duration[] BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
			Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30) };

	private enum Outcome {
		SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR;

		static Outcome of(int status) {
			return status >= 500 ? SERVER_ERROR : status >= 400 ? CLIENT_ERROR : status >= 300 ? REDIRECTION : SUCCESS;
		}
	}

	private static final int OUTCOMES = Outcome.values().length;

	private final MeterRegistry meters;
	/** Per route, its timers indexed by side and outcome; a slot is filled on its first request. */
	private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

	RequestMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	public void record(String routeId, Side side, int status, long nanos) {
		Outcome outcome = Outcome.of(status);
		var route = timers.computeIfAbsent(routeId, id -> new AtomicReferenceArray<>(Side.values().length * OUTCOMES));
		int slot = side.ordinal() * OUTCOMES + outcome.ordinal();
		Timer timer = route.get(slot);
		if (timer == null) {
			// A race registers the same timer twice: the registry hands back the one it already has.
			timer = register(routeId, side, outcome);
			route.set(slot, timer);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(String routeId, Side side, Outcome outcome) {
		return Timer.builder(NAME)
			.description("Storefront requests through the proxy, by route, answering side and outcome")
			.tag("route", routeId)
			.tag("side", side.header())
			.tag("outcome", outcome.name())
			.serviceLevelObjectives(BUCKETS)
			.register(meters);
	}
}
