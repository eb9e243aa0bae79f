package com.retailflow.proxy.internal.shadow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.visits.Murmur3;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends copies of safe requests to the new side (and, for a sample, to legacy a second time) off the request
 * path, and records how the answers compare. A bounded queue sheds load (drops are counted) so shadowing never
 * holds up a shopper; shadow requests have their own, short timeout.
 */
@Component
public class ShadowTraffic implements DisposableBean {

	/** Marks a shadow request; the proxy lets it through to the new side only with this instance's token. */
	static final String HEADER = "X-RetailFlow-Shadow";
	static final String TOKEN_HEADER = "X-RetailFlow-Shadow-Token";
	/** A noise sample is chosen with its own seed, independent of canary bucketing. */
	private static final int NOISE_SEED = 0x5eed_0153;
	private static final Set<String> NOT_COPIED = Set.of("host", "connection", "content-length", "transfer-encoding",
			"upgrade", "keep-alive", "te", "trailer", "expect", "http2-settings");

	private static final Logger log = LoggerFactory.getLogger(ShadowTraffic.class);

	private final ProxySettings settings;
	private final ShadowStats stats;
	private final MeterRegistry meters;
	private final ThreadPoolExecutor workers;
	private final HttpClient http;
	private final String token = UUID.randomUUID().toString();
	private volatile String self = "http://127.0.0.1:8080";

	public ShadowTraffic(ProxySettings settings, ShadowStats stats, MeterRegistry meters) {
		this.settings = settings;
		this.stats = stats;
		this.meters = meters;
		var shadow = settings.shadow();
		this.workers = new ThreadPoolExecutor(shadow.workers(), shadow.workers(), 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(shadow.queueCapacity()), Thread.ofVirtual().name("shadow-", 0).factory(),
				new ThreadPoolExecutor.AbortPolicy());
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(shadow.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@EventListener
	public void onServerStarted(WebServerInitializedEvent event) {
		self = "http://127.0.0.1:" + event.getWebServer().getPort();
	}

	/** True for a shadow request this instance sent itself. */
	public boolean isOwnShadow(HttpServletRequest request) {
		return "1".equals(request.getHeader(HEADER)) && token.equals(request.getHeader(TOKEN_HEADER));
	}

	/** Queues the comparison of legacy's answer with the new side's; never blocks, drops when full. */
	public void submit(String routeId, HttpServletRequest request, String legacyTarget, String newTarget,
			ShadowComparator.Answer legacyAnswer) {
		Map<String, List<String>> headers = copyHeaders(request);
		String method = request.getMethod();
		boolean noise = Integer.remainderUnsigned(
				Murmur3.hash32(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), NOISE_SEED), 10_000) < Math
					.round(settings.shadow().noiseSampleRate() * 10_000);
		var rules = ShadowComparator.Rules.of(settings.shadow().defaults(), settings.shadow().rules().get(routeId));
		try {
			workers.execute(() -> {
				compare(routeId, method, headers, legacyTarget, legacyAnswer, self + newTarget, newTarget, false, rules);
				if (noise) {
					compare(routeId, method, headers, legacyTarget, legacyAnswer,
							settings.legacyUrl().toString().replaceAll("/$", "") + legacyTarget, legacyTarget, true, rules);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			stats.dropped(routeId);
			meters.counter("retailflow.proxy.shadow.drops", "route", routeId).increment();
		}
	}

	private void compare(String routeId, String method, Map<String, List<String>> headers, String legacyTarget,
			ShadowComparator.Answer legacyAnswer, String url, String target, boolean noise, ShadowComparator.Rules rules) {
		ShadowComparator.Answer other;
		try {
			var builder = HttpRequest.newBuilder(URI.create(url))
				.timeout(settings.shadow().timeout())
				.method(method, HttpRequest.BodyPublishers.noBody());
			headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
			if (!noise) {
				builder.header(HEADER, "1").header(TOKEN_HEADER, token);
			}
			var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			Map<String, String> answerHeaders = new TreeMap<>();
			response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(Locale.ROOT),
					String.join(", ", values)));
			other = new ShadowComparator.Answer(response.statusCode(), answerHeaders, response.body());
		}
		catch (Exception ex) {
			// A shadow that failed or timed out is a difference too (the new side could not answer).
			other = new ShadowComparator.Answer(599, Map.of(), ex.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
		var fields = ShadowComparator.differences(legacyAnswer, other, rules);
		var sample = fields.isEmpty() ? null
				: new ShadowStats.Sample(Instant.now(), noise ? "noise" : "shadow", method, legacyTarget, target, fields,
						legacyAnswer.status(), other.status(), text(legacyAnswer), text(other));
		stats.record(routeId, noise, fields, sample);
		meters.counter(noise ? "retailflow.proxy.shadow.noise" : "retailflow.proxy.shadow.comparisons", "route", routeId,
				"result", fields.isEmpty() ? "match" : "diff").increment();
	}

	private static String text(ShadowComparator.Answer answer) {
		String body = new String(answer.body(), StandardCharsets.UTF_8);
		return body.length() > 20_000 ? body.substring(0, 20_000) + "…" : body;
	}

	private static Map<String, List<String>> copyHeaders(HttpServletRequest request) {
		Map<String, List<String>> headers = new TreeMap<>();
		for (String name : java.util.Collections.list(request.getHeaderNames())) {
			if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.toLowerCase(Locale.ROOT).startsWith("x-retailflow")) {
				headers.put(name, java.util.Collections.list(request.getHeaders(name)));
			}
		}
		return headers;
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
		log.debug("Shadow workers stopped");
	}
}
