package com.retailflow.proxy.internal.shadow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.retailflow.proxy.ShadowSummary;
import com.retailflow.proxy.internal.ProxySettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shadow results per route. Each instance counts its comparisons per minute in memory and adds them to
 * {@code proxy.shadow_counts} every few seconds; summaries (what the gate and console use) are read back from
 * there over a recent window, so they are the cluster's, survive restarts and forget differences that were
 * fixed. The last differing samples stay in memory, per instance, for the diff viewer.
 */
@Component
public class ShadowStats {

	/** One differing sample, with the request and the fields that differ, for the diff viewer. */
	public record Sample(Instant at, String kind, String method, String legacyUrl, String newUrl,
			List<ShadowComparator.FieldDifference> fields, int legacyStatus, int otherStatus) {
	}

	/** One minute of the series, over all instances. */
	public record Minute(Instant minute, long comparisons, long differences, long noiseComparisons,
			long noiseDifferences) {
	}

	/** What the admin API and console show for a route: the summary, the last hour by minute, samples. */
	public record Report(ShadowSummary summary, List<Minute> series, List<Sample> samples) {
	}

	private record Key(String routeId, Instant minute, String kind, String field) {
	}

	static final String COMPARISONS = "";
	static final String DIFFERING = "*";

	private static final Logger log = LoggerFactory.getLogger(ShadowStats.class);

	private final JdbcTemplate jdbc;
	private final ProxySettings.Shadow settings;
	private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();
	private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
	/** Counts are stored in their own transaction: a caller's rollback (a refused flip) must not lose them. */
	private final TransactionTemplate ownTransaction;

	ShadowStats(JdbcTemplate jdbc, ProxySettings settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settings = settings.shadow();
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	void record(String routeId, boolean noise, List<ShadowComparator.FieldDifference> differences, Sample sample) {
		String kind = noise ? "noise" : "shadow";
		count(routeId, kind, COMPARISONS);
		if (!differences.isEmpty()) {
			count(routeId, kind, DIFFERING);
			differences.forEach(difference -> count(routeId, kind, difference.field()));
		}
		if (sample != null && !differences.isEmpty()) {
			var kept = samples.computeIfAbsent(routeId, id -> new ArrayDeque<>());
			synchronized (kept) {
				kept.addFirst(sample);
				while (kept.size() > settings.samplesKept()) {
					kept.removeLast();
				}
			}
		}
	}

	void dropped(String routeId) {
		count(routeId, "drop", COMPARISONS);
	}

	void skipped(String routeId) {
		count(routeId, "skip", COMPARISONS);
	}

	private void count(String routeId, String kind, String field) {
		var minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		pending.computeIfAbsent(new Key(routeId, minute, kind, field), key -> new AtomicLong()).incrementAndGet();
	}

	/** Adds this instance's counts to the shared table; on failure they are kept for the next try. */
	@Scheduled(fixedDelayString = "${retailflow.proxy.shadow.flush-interval:2s}")
	public synchronized void flush() {
		Map<Key, Long> batch = new HashMap<>();
		var current = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		for (var entry : pending.entrySet()) {
			long n = entry.getValue().getAndSet(0);
			if (n > 0) {
				batch.put(entry.getKey(), n);
			}
			else if (entry.getKey().minute().isBefore(current.minus(1, ChronoUnit.MINUTES))) {
				// Nobody counts into a minute that long past any more.
				pending.remove(entry.getKey(), entry.getValue());
			}
		}
		if (batch.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>();
		batch.forEach((key, n) -> rows.add(new Object[] { key.routeId(), utc(key.minute()), key.kind(), key.field(), n }));
		try {
			ownTransaction.executeWithoutResult(status -> {
				jdbc.batchUpdate("""
						INSERT INTO proxy.shadow_counts (route_id, minute, kind, field, n) VALUES (?, ?, ?, ?, ?)
						ON CONFLICT (route_id, minute, kind, field) DO UPDATE SET n = shadow_counts.n + EXCLUDED.n""",
						rows);
				jdbc.update("DELETE FROM proxy.shadow_counts WHERE minute < ?", utc(current.minus(retention())));
			});
		}
		catch (RuntimeException ex) {
			batch.forEach((key, n) -> pending.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n));
			log.warn("Could not store shadow counts, keeping them for the next try: {}", ex.getMessage());
		}
	}

	private Duration retention() {
		return settings.window().compareTo(Duration.ofHours(1)) > 0 ? settings.window().multipliedBy(2)
				: Duration.ofHours(2);
	}

	/** The route's summary over the window, across instances (this instance's latest counts included). */
	public ShadowSummary summary(String routeId) {
		flush();
		Map<String, Long> shadow = new HashMap<>();
		Map<String, Long> noise = new HashMap<>();
		long[] dropsAndSkips = new long[2];
		jdbc.query("""
				SELECT kind, field, sum(n) FROM proxy.shadow_counts WHERE route_id = ? AND minute >= ?
				GROUP BY kind, field""", rs -> {
			long n = rs.getLong(3);
			switch (rs.getString(1)) {
				case "shadow" -> shadow.put(rs.getString(2), n);
				case "noise" -> noise.put(rs.getString(2), n);
				case "drop" -> dropsAndSkips[0] += n;
				default -> dropsAndSkips[1] += n;
			}
		}, routeId, utc(Instant.now().minus(settings.window()).truncatedTo(ChronoUnit.MINUTES)));
		return summarise(routeId, settings.window(), settings.minComparisons(), settings.maxDifferenceRate(), shadow,
				noise, dropsAndSkips[0], dropsAndSkips[1]);
	}

	/** Rates from counts; noise is subtracted field by field, never from the overall rate. */
	static ShadowSummary summarise(String routeId, Duration window, long minimum, double maxDifferenceRate,
			Map<String, Long> shadow, Map<String, Long> noise, long drops, long skipped) {
		long comparisons = shadow.getOrDefault(COMPARISONS, 0L);
		long noiseComparisons = noise.getOrDefault(COMPARISONS, 0L);
		var names = new java.util.TreeSet<>(shadow.keySet());
		names.addAll(noise.keySet());
		names.remove(COMPARISONS);
		names.remove(DIFFERING);
		Map<String, ShadowSummary.FieldRates> fields = new TreeMap<>();
		double adjusted = 0;
		for (String name : names) {
			double difference = rate(shadow.getOrDefault(name, 0L), comparisons);
			double noiseRate = rate(noise.getOrDefault(name, 0L), noiseComparisons);
			double fieldAdjusted = Math.max(0, difference - noiseRate);
			fields.put(name, new ShadowSummary.FieldRates(difference, noiseRate, fieldAdjusted));
			adjusted = Math.max(adjusted, fieldAdjusted);
		}
		long differences = shadow.getOrDefault(DIFFERING, 0L);
		long noiseDifferences = noise.getOrDefault(DIFFERING, 0L);
		return new ShadowSummary(routeId, window, comparisons, differences, noiseComparisons, noiseDifferences, drops,
				skipped, rate(differences, comparisons), rate(noiseDifferences, noiseComparisons), adjusted, fields,
				minimum, maxDifferenceRate);
	}

	/** Summary, the last hour by minute, and this instance's latest differing samples. */
	public Report report(String routeId) {
		var summary = summary(routeId);
		Map<Instant, long[]> minutes = new TreeMap<>();
		jdbc.query("""
				SELECT minute, kind, field, n FROM proxy.shadow_counts
				WHERE route_id = ? AND minute >= ? AND kind IN ('shadow', 'noise') AND field IN ('', '*')""", rs -> {
			var counts = minutes.computeIfAbsent(rs.getObject(1, OffsetDateTime.class).toInstant(), m -> new long[4]);
			int slot = (rs.getString(2).equals("shadow") ? 0 : 2) + (rs.getString(3).isEmpty() ? 0 : 1);
			counts[slot] += rs.getLong(4);
		}, routeId, utc(Instant.now().minus(Duration.ofHours(1))));
		List<Minute> series = new ArrayList<>();
		minutes.forEach((minute, c) -> series.add(new Minute(minute, c[0], c[1], c[2], c[3])));
		var kept = samples.getOrDefault(routeId, new ArrayDeque<>());
		List<Sample> latest;
		synchronized (kept) {
			latest = List.copyOf(kept);
		}
		return new Report(summary, series, latest);
	}

	private static double rate(long part, long whole) {
		return whole == 0 ? 0 : (double) part / whole;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
