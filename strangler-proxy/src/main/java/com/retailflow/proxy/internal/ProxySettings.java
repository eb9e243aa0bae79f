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
	 * @param workers concurrent shadow requests
	 * @param timeout per shadow request; much shorter than the live read timeout
	 * @param maxBodySize legacy answers larger than this are not compared
	 * @param noiseSampleRate share of shadowed requests also sent to legacy a second time (noise baseline)
	 * @param samplesKept differing samples kept per route for the console
	 * @param maxDifferenceRate the cut-over gate refuses NEW above this noise-adjusted difference rate
	 * @param defaults rules applied to every route
	 * @param rules extra rules per route id
	 */
	public record Shadow(@DefaultValue("1000") int queueCapacity, @DefaultValue("4") int workers,
			@DefaultValue("2s") Duration timeout, @DefaultValue("1MB") DataSize maxBodySize,
			@DefaultValue("0.1") double noiseSampleRate, @DefaultValue("50") int samplesKept,
			@DefaultValue("0.01") double maxDifferenceRate, @DefaultValue ShadowRules defaults,
			@DefaultValue java.util.Map<String, ShadowRules> rules) {
	}

	/**
	 * How answers are normalised before comparison.
	 *
	 * @param ignoreRegexes removed from bodies (timestamps, tokens)
	 * @param ignoreHtmlSelectors elements removed from HTML before comparison
	 * @param ignoreJsonPaths dotted paths removed from JSON ({@code meta.generatedAt}, {@code items.*.etag})
	 * @param headers the only response headers compared
	 * @param orderInsensitiveLists compare JSON arrays as multisets
	 */
	public record ShadowRules(
			@DefaultValue({ "Page generated at [0-9: -]+", "name=\"csrf\" value=\"[0-9a-f]*\"" }) List<String> ignoreRegexes,
			@DefaultValue List<String> ignoreHtmlSelectors, @DefaultValue List<String> ignoreJsonPaths,
			@DefaultValue("Content-Type") List<String> headers, @DefaultValue("false") boolean orderInsensitiveLists) {
	}
}
