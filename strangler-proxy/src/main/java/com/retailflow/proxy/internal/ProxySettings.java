package com.retailflow.proxy.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the strangler proxy ({@code retailflow.proxy.*}).
 *
 * @param legacyUrl where the legacy shop answers
 * @param connectTimeout how long to wait for a connection to legacy before answering 502 (a route may set its own)
 * @param readTimeout how long to wait for legacy's answer before answering 504 (a route may set its own)
 * @param maxBodySize request bodies above this are refused with 413 (legacy's own nginx allows 20 MB)
 * @param maxConnections the outbound pool size (per legacy host)
 * @param servedByHeader whether to add {@code X-Served-By: legacy|new}
 * @param refreshInterval how often each instance checks the route table for flips
 * @param routes the route table seed, written on first start only
 * @param fallback automatic fallback to legacy on new-side errors
 * @param shadow shadow traffic and comparison
 * @param database the proxy's own connections to the route table
 * @param visits the visit cookie that keeps a shopper on one side
 * @param breaker the circuit breaker around each route's legacy side
 * @param bulkhead how much of the outbound pool legacy's requests may hold at once
 * @param legacyRoutes timeouts and breaker thresholds of single routes' legacy side, by route id (unset values
 *        come from the defaults)
 * @param publicUrl the shop's public origin ({@code https://shop.example}) for rewritten redirects and
 *        {@code X-Forwarded-Host}; unset, the request's own host is used (which the client chooses)
 */
@ConfigurationProperties("retailflow.proxy")
public record ProxySettings(@DefaultValue("http://127.0.0.1:8081") URI legacyUrl,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("20MB") DataSize maxBodySize, @DefaultValue("256") int maxConnections,
		@DefaultValue("true") boolean servedByHeader, @DefaultValue("500ms") Duration refreshInterval,
		@DefaultValue List<RouteSeed> routes, @DefaultValue Fallback fallback, @DefaultValue Shadow shadow,
		@DefaultValue Database database, @DefaultValue VisitCookie visits, @DefaultValue Breaker breaker,
		@DefaultValue Bulkhead bulkhead, @DefaultValue Map<String, LegacyRoute> legacyRoutes, @Nullable URI publicUrl) {

	/** The timeouts and breaker thresholds of one route's legacy side ({@code none}: requests no route matches). */
	public LegacyPolicy legacyPolicy(String routeId) {
		var own = legacyRoutes.getOrDefault(routeId, LegacyRoute.NONE);
		return new LegacyPolicy(or(own.connectTimeout(), connectTimeout), or(own.readTimeout(), readTimeout),
				or(own.failureRate(), breaker.failureRate()), or(own.minimumCalls(), breaker.minimumCalls()),
				or(own.window(), breaker.window()), or(own.openFor(), breaker.openFor()), breaker.probes());
	}

	private static <T> T or(@Nullable T own, T fallback) {
		return own == null ? fallback : own;
	}

	/**
	 * The circuit breaker around legacy, one per route: over the last {@code window} calls (once at least
	 * {@code minimumCalls} were made), when the share of calls that timed out or could not connect reaches
	 * {@code failureRate} percent, it opens: legacy is not called for {@code openFor}, shoppers get a 503 at once.
	 * Then {@code probes} calls are let through; if they succeed it closes, else it opens again.
	 */
	public record Breaker(@DefaultValue("50") int failureRate, @DefaultValue("10") int minimumCalls,
			@DefaultValue("20") int window, @DefaultValue("10s") Duration openFor, @DefaultValue("3") int probes) {
	}

	/**
	 * @param maxShare the share of {@code max-connections} that requests to legacy may hold at once, all routes
	 *        together. The rest of the pool is kept for the new side's replays of failed safe requests.
	 * @param maxWait how long a request beyond that share waits for a place before it is answered 503. Short: a
	 *        healthy legacy frees places within milliseconds, so a burst of shoppers waits instead of being refused,
	 *        while behind a hung one the overflow is refused after this and the breaker soon answers at once. Only
	 *        requests to legacy ever wait here.
	 */
	public record Bulkhead(@DefaultValue("0.75") double maxShare, @DefaultValue("250ms") Duration maxWait) {
	}

	/** How many requests to legacy may be in flight at once before the bulkhead refuses more. */
	public int legacyConcurrency() {
		return Math.max(1, (int) Math.floor(bulkhead.maxShare() * maxConnections));
	}

	/** One route's own legacy settings; each one left out is the default. */
	public record LegacyRoute(@Nullable Duration connectTimeout, @Nullable Duration readTimeout,
			@Nullable Integer failureRate, @Nullable Integer minimumCalls, @Nullable Integer window,
			@Nullable Duration openFor) {

		static final LegacyRoute NONE = new LegacyRoute(null, null, null, null, null, null);
	}

	/** The legacy settings that apply to one route. */
	public record LegacyPolicy(Duration connectTimeout, Duration readTimeout, int failureRate, int minimumCalls,
			int window, Duration openFor, int probes) {
	}

	/** One route of the seed. */
	public record RouteSeed(String id, String module, List<String> legacyPatterns, List<String> newPatterns) {
	}

	/**
	 * The automatic fallback, like Envoy's outlier ejection: when the new side's 5xx share over the window
	 * crosses the rate (with enough requests), legacy answers the route for the ejection time, then the route
	 * returns to its chosen mode and the new side is tried again; each fallback in a row lasts twice as long,
	 * up to the maximum.
	 *
	 * @param errorRate the new side's 5xx share above which the route falls back to legacy
	 * @param minRequests below this many new-side requests in the window the state is "insufficient data"
	 * @param window the sliding window the rate is measured over
	 * @param ejection how long the first fallback lasts
	 * @param maxEjection the longest a fallback lasts
	 * @param routes thresholds for single routes, by route id (unset values come from the defaults above)
	 */
	public record Fallback(@DefaultValue("0.2") double errorRate, @DefaultValue("20") int minRequests,
			@DefaultValue("30s") Duration window, @DefaultValue("30s") Duration ejection,
			@DefaultValue("5m") Duration maxEjection, @DefaultValue Map<String, RouteFallback> routes) {

		/** The thresholds of one route. */
		public Thresholds of(String routeId) {
			var own = routes.get(routeId);
			if (own == null) {
				return new Thresholds(errorRate, minRequests, window, ejection);
			}
			return new Thresholds(own.errorRate() == null ? errorRate : own.errorRate(),
					own.minRequests() == null ? minRequests : own.minRequests(),
					own.window() == null ? window : own.window(), own.ejection() == null ? ejection : own.ejection());
		}
	}

	/** A route's own fallback thresholds; each one left out is the default. */
	public record RouteFallback(@Nullable Double errorRate, @Nullable Integer minRequests, @Nullable Duration window,
			@Nullable Duration ejection) {
	}

	/** The fallback thresholds that apply to one route. */
	public record Thresholds(double errorRate, int minRequests, Duration window, Duration ejection) {
	}

	/**
	 * @param secret signs the visit cookie (HMAC-SHA256); the same on every instance. Empty: a random key per
	 *        process (a warning is logged), fine for one instance in development only
	 * @param idleTimeout a visit without a request for this long ends: its pins go and its key is chosen afresh
	 */
	public record VisitCookie(@DefaultValue("") String secret, @DefaultValue("30m") Duration idleTimeout) {
	}

	/**
	 * The proxy's own connections to PostgreSQL (route table, audit), kept apart from the application's pool
	 * so that a slow or unreachable database costs a route flip or a fallback at most these timeouts.
	 *
	 * @param connectionTimeout how long to wait for a connection (pool and TCP connect)
	 * @param queryTimeout how long a query may wait on the network
	 * @param poolSize connections at most
	 */
	public record Database(@DefaultValue("2s") Duration connectionTimeout, @DefaultValue("5s") Duration queryTimeout,
			@DefaultValue("3") int poolSize) {
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
