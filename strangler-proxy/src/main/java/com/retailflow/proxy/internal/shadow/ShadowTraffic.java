package com.retailflow.proxy.internal.shadow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.retailflow.proxy.ShadowCopies;
import com.retailflow.proxy.UrlTranslator;
import com.retailflow.proxy.internal.ProxySettings;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends copies of safe requests to the new side (and, for a sample, to legacy a second time) off the request
 * path, and records how the answers compare.
 *
 * <p>Copies change nothing: they carry no cookies, credentials, conditional or range headers of the shopper
 * (only {@code Accept}, {@code Accept-Language} and {@code User-Agent}), the new side is told it is answering
 * a copy (see {@link ShadowCopies}), and legacy answers the noise copy with one dedicated session of its own.
 *
 * <p>Load is bounded whatever the new side does: a fixed number of workers, a queue bounded in jobs and in
 * bytes, answers read up to a size cap, a timeout that cancels the exchange, and at most {@code workers}
 * copies being handled by the new side at once — the new side's handling is interrupted once the copy's sender
 * has given up (1.5 × the timeout), and
 * a copy over the limit is refused at once and counted as a drop.
 */
@Component
public class ShadowTraffic implements DisposableBean {

	/** Marks a shadow request; the proxy lets it through to the new side only with this instance's token. */
	static final String HEADER = "X-RetailFlow-Shadow";
	static final String TOKEN_HEADER = "X-RetailFlow-Shadow-Token";
	/** On a copy the new side refused because enough copies are already being handled. */
	static final String BUSY_HEADER = "X-RetailFlow-Shadow-Busy";
	/** The only request headers a copy carries: they shape the page, and say nothing about who the shopper is. */
	private static final Set<String> COPIED = Set.of("accept", "accept-language", "user-agent");

	private static final Logger log = LoggerFactory.getLogger(ShadowTraffic.class);

	private final ProxySettings settings;
	private final ShadowStats stats;
	private final MeterRegistry meters;
	private final ObjectProvider<UrlTranslator> translators;
	private final ThreadPoolExecutor workers;
	private final ScheduledExecutorService cancellations;
	private final Semaphore copiesBeingServed;
	private final AtomicLong queuedBytes = new AtomicLong();
	private final Map<String, ShadowComparator.Rules> rules = new ConcurrentHashMap<>();
	private final HttpClient http;
	private final String token = UUID.randomUUID().toString();
	private volatile String self = "http://127.0.0.1:8080";

	ShadowTraffic(ProxySettings settings, ShadowStats stats, MeterRegistry meters,
			ObjectProvider<UrlTranslator> translators) {
		this.settings = settings;
		this.stats = stats;
		this.meters = meters;
		this.translators = translators;
		var shadow = settings.shadow();
		this.workers = new ThreadPoolExecutor(shadow.workers(), shadow.workers(), 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(shadow.queueCapacity()), Thread.ofVirtual().name("shadow-", 0).factory(),
				new ThreadPoolExecutor.AbortPolicy());
		this.cancellations = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("shadow-cancel")
			.daemon()
			.factory());
		this.copiesBeingServed = new Semaphore(shadow.workers());
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(shadow.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@EventListener
	void onServerStarted(WebServerInitializedEvent event) {
		// The storefront's server, not a management port's child context.
		if (event.getApplicationContext().getServerNamespace() == null) {
			self = "http://127.0.0.1:" + event.getWebServer().getPort();
		}
	}

	/** True for a shadow request this instance sent itself. */
	public boolean isOwnShadow(HttpServletRequest request) {
		return "1".equals(request.getHeader(HEADER)) && token.equals(request.getHeader(TOKEN_HEADER));
	}

	/** The new side's handling of one request. */
	@FunctionalInterface
	public interface Handler {

		void handle() throws ServletException, IOException;
	}

	/**
	 * Lets the new side answer one of this instance's copies, marked as a copy, bounded in number and in time:
	 * over the limit it answers 503 at once, and once the sender has given up the handling thread is interrupted
	 * (blocking I/O and sleeps on a virtual thread end with it).
	 */
	public void serveCopy(HttpServletRequest request, HttpServletResponse response, Handler handler)
			throws ServletException, IOException {
		if (!copiesBeingServed.tryAcquire()) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(BUSY_HEADER, "1");
			return;
		}
		var running = new AtomicBoolean(true);
		Thread thread = Thread.currentThread();
		var cancel = cancellations.schedule(() -> {
			synchronized (running) {
				if (running.getAndSet(false)) {
					thread.interrupt();
				}
			}
		}, settings.shadow().timeout().toMillis() * 3 / 2, TimeUnit.MILLISECONDS);
		request.setAttribute(ShadowCopies.ATTRIBUTE, Boolean.TRUE);
		try {
			handler.handle();
		}
		finally {
			cancel.cancel(false);
			synchronized (running) {
				// After this no interrupt can arrive; clear one that did, it was for this copy only.
				running.set(false);
				Thread.interrupted();
			}
			copiesBeingServed.release();
		}
	}

	/** Counts a legacy answer that could not be compared (too large, conditional, partial). */
	public void skipped(String routeId) {
		stats.skipped(routeId);
	}

	/** Queues the comparison of legacy's answer with the new side's; never blocks, drops when full. */
	public void submit(String routeId, HttpServletRequest request, String legacyTarget, String newTarget,
			ShadowComparator.Answer legacyAnswer) {
		if (legacyAnswer.status() == 304 || legacyAnswer.status() == 206) {
			// The shopper asked for a part or a revalidation; copies ask for the whole page, so nothing to compare.
			stats.skipped(routeId);
			return;
		}
		Map<String, List<String>> headers = copyHeaders(request);
		String method = request.getMethod();
		boolean noise = ThreadLocalRandom.current().nextDouble() < settings.shadow().noiseSampleRate();
		var routeRules = rules.computeIfAbsent(routeId, id -> ShadowComparator.Rules.of(settings.shadow().defaults(),
				settings.shadow().rules().get(id)));
		long bytes = legacyAnswer.body().length;
		if (queuedBytes.addAndGet(bytes) > settings.shadow().maxQueuedBytes().toBytes()) {
			queuedBytes.addAndGet(-bytes);
			drop(routeId);
			return;
		}
		try {
			workers.execute(() -> {
				try {
					compare(routeId, method, headers, legacyTarget, legacyAnswer, self + newTarget, newTarget, false,
							routeRules);
					if (noise) {
						compare(routeId, method, headers, legacyTarget, legacyAnswer,
								settings.legacyUrl().toString().replaceAll("/$", "") + legacyTarget, legacyTarget, true,
								routeRules);
					}
				}
				finally {
					queuedBytes.addAndGet(-bytes);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			queuedBytes.addAndGet(-bytes);
			drop(routeId);
		}
	}

	private void drop(String routeId) {
		stats.dropped(routeId);
		meters.counter("retailflow.proxy.shadow.drops", "route", routeId).increment();
	}

	private void compare(String routeId, String method, Map<String, List<String>> headers, String legacyTarget,
			ShadowComparator.Answer legacyAnswer, String url, String target, boolean noise,
			ShadowComparator.Rules rules) {
		int limit = (int) Math.min(Integer.MAX_VALUE - 8, settings.shadow().maxBodySize().toBytes());
		ShadowComparator.Answer other;
		try {
			var builder = HttpRequest.newBuilder(URI.create(url))
				.timeout(settings.shadow().timeout())
				.method(method, HttpRequest.BodyPublishers.noBody());
			headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
			if (noise) {
				if (!settings.shadow().noiseCookie().isBlank()) {
					builder.header("Cookie", settings.shadow().noiseCookie());
				}
			}
			else {
				builder.header(HEADER, "1").header(TOKEN_HEADER, token);
			}
			var exchange = http.sendAsync(builder.build(), info -> new CappedBody(limit));
			HttpResponse<CappedBody.Result> response;
			try {
				response = exchange.get(settings.shadow().timeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// Cancelling aborts the exchange: the connection is not left reading a slow answer.
				exchange.cancel(true);
				throw ex;
			}
			if (response.statusCode() == 503 && response.headers().firstValue(BUSY_HEADER).isPresent()) {
				drop(routeId);
				return;
			}
			if (response.body().tooLarge()) {
				stats.skipped(routeId);
				return;
			}
			Map<String, String> answerHeaders = new TreeMap<>();
			response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(Locale.ROOT),
					String.join(", ", values)));
			other = new ShadowComparator.Answer(response.statusCode(), answerHeaders, response.body().bytes());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			// A shadow that failed or timed out is a difference too (the other side could not answer).
			other = new ShadowComparator.Answer(599, Map.of(),
					("no answer: " + ex.getClass().getSimpleName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		var differences = ShadowComparator.differences(legacyAnswer, other, rules, this::canonical, limit);
		var sample = differences.isEmpty() ? null
				: new ShadowStats.Sample(Instant.now(), noise ? "noise" : "shadow", method, legacyTarget, target,
						differences, legacyAnswer.status(), other.status());
		stats.record(routeId, noise, differences, sample);
		meters.counter(noise ? "retailflow.proxy.shadow.noise" : "retailflow.proxy.shadow.comparisons", "route", routeId,
				"result", differences.isEmpty() ? "match" : "diff").increment();
	}

	/** A same-site URL spelled the new way, when a translator knows it; otherwise as it is. */
	private String canonical(String pathAndQuery) {
		try {
			return translators.orderedStream()
				.map(translator -> translator.toNew(pathAndQuery))
				.flatMap(Optional::stream)
				.findFirst()
				.orElse(pathAndQuery);
		}
		catch (RuntimeException ex) {
			// A translator that cannot answer now (its database is down): compare the URL as spelled.
			return pathAndQuery;
		}
	}

	private static Map<String, List<String>> copyHeaders(HttpServletRequest request) {
		Map<String, List<String>> headers = new TreeMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			if (COPIED.contains(name.toLowerCase(Locale.ROOT))) {
				headers.put(name, Collections.list(request.getHeaders(name)));
			}
		}
		return headers;
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
		cancellations.shutdownNow();
		log.debug("Shadow workers stopped");
	}
}
