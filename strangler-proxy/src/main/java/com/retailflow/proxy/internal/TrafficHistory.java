package com.retailflow.proxy.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A short in-memory history of each route's traffic for the console's live charts: every few seconds the
 * request timers are read and turned into rates (requests/s per side, error rate, p95). Prometheus keeps the
 * long history; this is what the migration team looks at while flipping.
 */
@Component
public class TrafficHistory {

	/** One point of the charts. */
	public record Point(long at, double legacyRps, double newRps, double errorRate, double p95Ms,
			double shadowDifferenceRate, double shadowNoiseRate) {
	}

	private record Totals(long legacy, long fresh, long errors) {
	}

	private static final int POINTS = 120;

	private final MeterRegistry meters;
	private final ShadowStats shadows;
	private final RouteTable table;
	private final Map<String, Deque<Point>> history = new ConcurrentHashMap<>();
	private final Map<String, Totals> last = new ConcurrentHashMap<>();
	private long lastAt = System.currentTimeMillis();

	TrafficHistory(MeterRegistry meters, ShadowStats shadows, RouteTable table) {
		this.meters = meters;
		this.shadows = shadows;
		this.table = table;
	}

	@Scheduled(fixedRate = 3, timeUnit = TimeUnit.SECONDS)
	void sample() {
		long now = System.currentTimeMillis();
		double seconds = Math.max(0.001, (now - lastAt) / 1000.0);
		lastAt = now;
		for (Route route : table.routes()) {
			var timers = meters.find("retailflow.proxy.requests").tag("route", route.id()).timers();
			long legacy = 0;
			long fresh = 0;
			long errors = 0;
			double p95 = 0;
			for (Timer timer : timers) {
				long count = timer.count();
				if ("legacy".equals(timer.getId().getTag("side"))) {
					legacy += count;
				}
				else {
					fresh += count;
				}
				if ("SERVER_ERROR".equals(timer.getId().getTag("outcome"))) {
					errors += count;
				}
				for (var percentile : timer.takeSnapshot().percentileValues()) {
					if (percentile.percentile() == 0.95) {
						p95 = Math.max(p95, percentile.value(TimeUnit.MILLISECONDS));
					}
				}
			}
			var totals = new Totals(legacy, fresh, errors);
			var previous = last.getOrDefault(route.id(), totals);
			last.put(route.id(), totals);
			long requests = (totals.legacy() - previous.legacy()) + (totals.fresh() - previous.fresh());
			var shadow = shadows.report(route.id());
			var point = new Point(now, (totals.legacy() - previous.legacy()) / seconds,
					(totals.fresh() - previous.fresh()) / seconds,
					requests == 0 ? 0 : (double) (totals.errors() - previous.errors()) / requests, p95,
					shadow.differenceRate(), shadow.noiseRate());
			var points = history.computeIfAbsent(route.id(), id -> new ArrayDeque<>());
			synchronized (points) {
				points.addLast(point);
				while (points.size() > POINTS) {
					points.removeFirst();
				}
			}
		}
	}

	public List<Point> of(String routeId) {
		var points = history.get(routeId);
		if (points == null) {
			return List.of();
		}
		synchronized (points) {
			return new ArrayList<>(points);
		}
	}
}
