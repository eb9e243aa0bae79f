package com.retailflow.proxy.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the strangler proxy ({@code retailflow.proxy.*}).
 *
 * @param legacyUrl where the legacy shop answers
 * @param connectTimeout how long to wait for a connection to legacy before answering 502
 * @param readTimeout how long to wait for legacy's answer before answering 504
 * @param maxBodySize request bodies above this are refused with 413
 * @param maxConnections the outbound pool size (per legacy host)
 * @param servedByHeader whether to add {@code X-Served-By: legacy|new}
 * @param refreshInterval how often each instance checks the route table for flips
 * @param routes the route table seed, written on first start only
 * @param fallback automatic fallback to legacy on new-side errors
 * @param shadow shadow traffic and comparison
 */
@ConfigurationProperties("retailflow.proxy")
public record ProxySettings(@DefaultValue("http://127.0.0.1:8081") URI legacyUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("256") int maxConnections,
		@DefaultValue("true") boolean servedByHeader, @DefaultValue("500ms") Duration refreshInterval,
		@DefaultValue List<RouteSeed> routes, @DefaultValue Fallback fallback, @DefaultValue Shadow shadow) {

	/** One route of the seed. */
	public record RouteSeed(String id, String module, List<String> legacyPatterns, List<String> newPatterns) {
	}

	/**
	 * @param errorRate the new side's 5xx share above which the route falls back to legacy
	 * @param minRequests below this many new-side requests in the window the state is "insufficient data"
	 * @param window the sliding window the rate is measured over
	 */
	public record Fallback(@DefaultValue("0.2") double errorRate, @DefaultValue("20") int minRequests,
			@DefaultValue("30s") Duration window) {
	}

	/**
	 * @param queueCapacity shadow jobs waiting at most; beyond it they are dropped (and counted), never queued
	 *        on the shopper's request
	 * @param maxQueuedBytes captured legacy bodies waiting in the queue at most, in bytes; beyond it, dropped
	 * @param workers concurrent shadow requests, and at most this many shadow copies are handled by the new
	 *        side at once (a copy over the limit is refused by the new side and counted as a drop)
	 * @param timeout per shadow request; the new side's handling of a copy is interrupted after it too
	 * @param maxBodySize answers larger than this (either side, decoded) are not compared, and counted as skipped
	 * @param noiseSampleRate share of shadowed requests also sent to legacy a second time (noise baseline)
	 * @param samplesKept differing samples kept per route for the console (per instance)
	 * @param maxDifferenceRate the cut-over gate refuses NEW above this noise-adjusted difference rate, in any field
	 * @param window the stats behind the gate and the console cover this much recent time, over all instances
	 * @param minComparisons below this many comparisons in the window the gate refuses NEW: too little evidence
	 * @param flushInterval how often an instance adds its counts to the shared table
	 * @param noiseCookie the one cookie a noise copy carries: legacy (PHP) writes a session on every request,
	 *        so the copies share this dedicated session instead of creating one each or touching a shopper's
	 * @param defaults rules applied to every route
	 * @param rules extra rules per route id
	 */
	public record Shadow(@DefaultValue("1000") int queueCapacity, @DefaultValue("32MB") DataSize maxQueuedBytes,
			@DefaultValue("4") int workers, @DefaultValue("2s") Duration timeout,
			@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("0.1") double noiseSampleRate,
			@DefaultValue("50") int samplesKept, @DefaultValue("0.01") double maxDifferenceRate,
			@DefaultValue("1h") Duration window, @DefaultValue("200") int minComparisons,
			@DefaultValue("2s") Duration flushInterval,
			@DefaultValue("PHPSESSID=retailflow-shadow-noise-copy") String noiseCookie, @DefaultValue ShadowRules defaults,
			@DefaultValue java.util.Map<String, ShadowRules> rules) {
	}

	/**
	 * How answers are normalised before comparison.
	 *
	 * @param ignoreRegexes removed from bodies and from every compared text (banners, counters)
	 * @param ignoreHtmlSelectors elements removed from HTML before comparison (per-shopper chrome)
	 * @param ignoreJsonPaths dotted paths removed from JSON ({@code meta.generatedAt}, {@code items.*.etag})
	 * @param headers the only response headers compared
	 * @param orderInsensitiveLists compare JSON arrays as multisets
	 * @param htmlFields named fields of an HTML page: field name to CSS selector ({@code price: .price})
	 */
	public record ShadowRules(
			@DefaultValue({ "Page generated at [0-9: -]+", "name=\"csrf\" value=\"[0-9a-f]*\"" }) List<String> ignoreRegexes,
			@DefaultValue List<String> ignoreHtmlSelectors, @DefaultValue List<String> ignoreJsonPaths,
			@DefaultValue("Content-Type") List<String> headers, @DefaultValue("false") boolean orderInsensitiveLists,
			@DefaultValue java.util.Map<String, String> htmlFields) {
	}
}
