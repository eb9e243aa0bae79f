package com.retailflow.proxy.internal.traffic;

import com.retailflow.proxy.internal.shadow.ShadowStats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.routes.Route;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.shadow.ShadowStats;

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

	/** Cumulative histogram bucket counts per timer at the previous sample, to get this interval's p95. */
	private final Map<io.micrometer.core.instrument.Meter.Id, double[]> lastBuckets = new ConcurrentHashMap<>();

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
			java.util.TreeMap<Double, Double> interval = new java.util.TreeMap<>();
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
				var buckets = timer.takeSnapshot().histogramCounts();
				double[] counts = new double[buckets.length];
				for (int i = 0; i < buckets.length; i++) {
					counts[i] = buckets[i].count();
				}
				double[] before = lastBuckets.put(timer.getId(), counts);
				for (int i = 0; i < buckets.length; i++) {
					double delta = counts[i] - (before == null || before.length != counts.length ? 0 : before[i]);
					interval.merge(buckets[i].bucket(TimeUnit.MILLISECONDS), delta, Double::sum);
				}
			}
			double p95 = percentile(interval, 0.95);
			var totals = new Totals(legacy, fresh, errors);
			var previous = last.getOrDefault(route.id(), totals);
			last.put(route.id(), totals);
			long requests = (totals.legacy() - previous.legacy()) + (totals.fresh() - previous.fresh());
			var shadow = shadowSummary(route.id());
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

	/** The shadow rates for the chart; without the database the chart shows none rather than stop sampling. */
	private ShadowRates shadowSummary(String routeId) {
		try {
			var summary = shadows.summary(routeId);
			return new ShadowRates(summary.differenceRate(), summary.noiseRate());
		}
		catch (RuntimeException ex) {
			return new ShadowRates(0, 0);
		}
	}

	private record ShadowRates(double differenceRate, double noiseRate) {
	}

	/** The upper bound of the bucket holding the given share of this interval's requests (cumulative buckets). */
	private static double percentile(java.util.TreeMap<Double, Double> cumulative, double share) {
		if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
			return 0;
		}
		double total = cumulative.lastEntry().getValue();
		for (var bucket : cumulative.entrySet()) {
			if (bucket.getValue() >= share * total) {
				return bucket.getKey();
			}
		}
		return cumulative.lastKey();
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
