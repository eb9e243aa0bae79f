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
 */
@ConfigurationProperties("retailflow.proxy")
record ProxySettings(@DefaultValue("http://127.0.0.1:8081") URI legacyUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("256") int maxConnections,
		@DefaultValue("true") boolean servedByHeader, @DefaultValue("500ms") Duration refreshInterval,
		@DefaultValue List<RouteSeed> routes, @DefaultValue Fallback fallback) {

	/** One route of the seed. */
	record RouteSeed(String id, String module, List<String> legacyPatterns, List<String> newPatterns) {
	}

	/**
	 * @param errorRate the new side's 5xx share above which the route falls back to legacy
	 * @param minRequests below this many new-side requests in the window the state is "insufficient data"
	 * @param window the sliding window the rate is measured over
	 */
	record Fallback(@DefaultValue("0.2") double errorRate, @DefaultValue("20") int minRequests,
			@DefaultValue("30s") Duration window) {
	}
}
