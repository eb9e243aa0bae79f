package com.retailflow.proxy.internal.shadow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.retailflow.proxy.internal.ProxySettings;

import org.springframework.stereotype.Component;

/**
 * Shadow results per route: totals, a per-minute series for the last hour, per-field mismatch counts, and
 * the last differing samples. The noise baseline (legacy compared with itself) is kept alongside, and the
 * difference rate the gate and console use is the new side's rate minus legacy's own.
 */
@Component
public class ShadowStats {

	/** One differing sample, with the request and both answers, for the diff viewer. */
	public record Sample(Instant at, String kind, String method, String legacyUrl, String newUrl, List<String> fields,
			int legacyStatus, int otherStatus, String legacyBody, String otherBody) {
	}

	/** One minute of the series. */
	public record Minute(long minute, long comparisons, long differences, long noiseComparisons, long noiseDifferences) {
	}

	/** What the admin API and console show for a route. */
	public record Report(long comparisons, long differences, double differenceRate, long noiseComparisons,
			long noiseDifferences, double noiseRate, double adjustedDifferenceRate, long drops,
			Map<String, Double> fieldMismatchRates, List<Minute> series, List<Sample> samples) {
	}

	private static final class RouteStats {

		long comparisons;
		long differences;
		long noiseComparisons;
		long noiseDifferences;
		long drops;
		final Map<String, Long> fieldMismatches = new LinkedHashMap<>();
		final Deque<Minute> series = new ArrayDeque<>();
		final Deque<Sample> samples = new ArrayDeque<>();
	}

	private final Map<String, RouteStats> routes = new ConcurrentHashMap<>();
	private final int samplesKept;

	ShadowStats(ProxySettings settings) {
		this.samplesKept = settings.shadow().samplesKept();
	}

	void record(String routeId, boolean noise, List<String> differingFields, Sample sample) {
		var stats = routes.computeIfAbsent(routeId, id -> new RouteStats());
		synchronized (stats) {
			boolean differs = !differingFields.isEmpty();
			if (noise) {
				stats.noiseComparisons++;
				stats.noiseDifferences += differs ? 1 : 0;
			}
			else {
				stats.comparisons++;
				stats.differences += differs ? 1 : 0;
				differingFields.forEach(field -> stats.fieldMismatches.merge(field, 1L, Long::sum));
			}
			long minute = System.currentTimeMillis() / 60_000;
			Minute last = stats.series.peekLast();
			if (last == null || last.minute() != minute) {
				last = new Minute(minute, 0, 0, 0, 0);
				stats.series.addLast(last);
				while (stats.series.size() > 60) {
					stats.series.removeFirst();
				}
			}
			stats.series.removeLast();
			stats.series.addLast(new Minute(minute, last.comparisons() + (noise ? 0 : 1),
					last.differences() + (!noise && differs ? 1 : 0), last.noiseComparisons() + (noise ? 1 : 0),
					last.noiseDifferences() + (noise && differs ? 1 : 0)));
			if (differs && sample != null) {
				stats.samples.addFirst(sample);
				while (stats.samples.size() > samplesKept) {
					stats.samples.removeLast();
				}
			}
		}
	}

	void dropped(String routeId) {
		var stats = routes.computeIfAbsent(routeId, id -> new RouteStats());
		synchronized (stats) {
			stats.drops++;
		}
	}

	public Report report(String routeId) {
		var stats = routes.get(routeId);
		if (stats == null) {
			return new Report(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of(), List.of());
		}
		synchronized (stats) {
			double rate = rate(stats.differences, stats.comparisons);
			double noise = rate(stats.noiseDifferences, stats.noiseComparisons);
			Map<String, Double> fields = new LinkedHashMap<>();
			stats.fieldMismatches.forEach((field, count) -> fields.put(field, rate(count, stats.comparisons)));
			return new Report(stats.comparisons, stats.differences, rate, stats.noiseComparisons,
					stats.noiseDifferences, noise, Math.max(0, rate - noise), stats.drops, fields,
					new ArrayList<>(stats.series), new ArrayList<>(stats.samples));
		}
	}

	private static double rate(long part, long whole) {
		return whole == 0 ? 0 : (double) part / whole;
	}
}
