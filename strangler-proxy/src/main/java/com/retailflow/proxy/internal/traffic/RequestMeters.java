package com.retailflow.proxy.internal.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.routes.Side;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The per-route, per-side request timer {@code retailflow.proxy.requests}, which the console's charts read. */
@Component
public class RequestMeters {

	static final String NAME = "retailflow.proxy.requests";

	private record Key(String route, Side side, String outcome) {
	}

	private final MeterRegistry meters;
	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	public void record(String routeId, Side side, int status, long nanos) {
		timer(new Key(routeId, side, outcome(status))).record(nanos, TimeUnit.NANOSECONDS);
	}

	/** Timers are looked up once per route, side and outcome, not built per request (this is the hot path). */
	private Timer timer(Key key) {
		return timers.computeIfAbsent(key, k -> Timer.builder(NAME)
			.description("Storefront requests through the proxy, by route, answering side and outcome")
			.tag("route", k.route())
			.tag("side", k.side().header())
			.tag("outcome", k.outcome())
			.publishPercentileHistogram()
			.register(meters));
	}

	private static String outcome(int status) {
		return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : status >= 300 ? "REDIRECTION" : "SUCCESS";
	}
}
