package com.retailflow.proxy.internal.forwarding;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.errors.ProxyErrors;
import com.retailflow.proxy.internal.routing.Decision;
import com.retailflow.proxy.internal.routing.LegacySide;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The legacy side: forwards a request to the legacy shop byte for byte and streams the answer back.
 *
 * <p>Written against the raw servlet request on purpose: the query string and body are passed on exactly as
 * received (never rebuilt from parsed parameters, which re-encodes {@code !}, {@code +}, {@code %} and
 * duplicates keys), a body-less request is sent without body framing, every response header value (each
 * Set-Cookie separately) is copied, and hop-by-hop headers are dropped in both directions.
 *
 * <p>Every failure before the answer is committed becomes a clean error answer (see {@link ForwardingFailure}):
 * nothing escapes to the servlet container, so the request is never handled a second time.
 *
 * <p>Each call goes through its route's circuit breaker and with its route's timeouts; a shopper's request
 * (not a replay of the new side's) also through the bulkhead ({@link LegacyBreakers}).
 */
@Component
public class LegacyForwarder implements LegacySide {

	/** Hop-by-hop headers (RFC 9110 §7.6.1), framing (the client library recomputes it) and Expect (answered by Tomcat). */
	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
			"content-length", "expect");

	/** Replaced, never passed on: the proxy alone states who the client is (a client can spoof any of them). */
	private static final Set<String> FORWARDED = Set.of("forwarded", "x-forwarded-for", "x-forwarded-host",
			"x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip", "x-original-url");

	/** Backend details legacy's answers would otherwise reveal (nginx hides Server and X-Powered-By too). */
	private static final Set<String> HIDDEN_RESPONSE_HEADERS = Set.of("server", "x-powered-by");

	private static final Logger log = LoggerFactory.getLogger(LegacyForwarder.class);

	/** Tomcat's own output buffer is 8 KiB: a larger copy buffer gains nothing. */
	private static final int COPY_BUFFER = 8192;

	private final CloseableHttpClient client;
	private final ProxySettings settings;
	private final HttpHost legacy;
	private final LocationRewriter locations;
	private final PublicOrigin publicOrigin;
	private final LegacyBreakers breakers;
	private final Map<String, RequestConfig> timeouts = new ConcurrentHashMap<>();

	LegacyForwarder(CloseableHttpClient legacyHttpClient, ProxySettings settings, LocationRewriter locations,
			PublicOrigin publicOrigin, LegacyBreakers breakers) {
		this.client = legacyHttpClient;
		this.settings = settings;
		this.breakers = breakers;
		this.locations = locations;
		this.publicOrigin = publicOrigin;
		URI url = settings.legacyUrl();
		this.legacy = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
	}

	/**
	 * A shopper's request for legacy: admitted by the bulkhead, so that a hung legacy never holds more than its
	 * share of the pool and of the requests in flight; over it, a 503 at once.
	 */
	@Override
	public void answer(HttpServletRequest request, HttpServletResponse response, Decision decision) throws IOException {
		var bulkhead = breakers.bulkhead();
		if (!bulkhead.tryAcquirePermission()) {
			ProxyErrors.write(request, response, 503, "The shop is busy",
					"Too many shoppers are waiting for this part of the shop. Please try again in a few seconds.", 5);
			return;
		}
		try {
			forward(request, response, decision.target(), decision.routeId());
		}
		finally {
			bulkhead.onComplete();
		}
	}

	/**
	 * Forwards and writes the answer; on failure writes a clean 4xx/5xx instead, never hangs. While the route's
	 * breaker is open, legacy is not called: the answer is a 503 "temporarily unavailable" at once.
	 */
	public void forward(HttpServletRequest request, HttpServletResponse response, String target, String routeId)
			throws IOException {
		long limit = settings.maxBodySize().toBytes();
		long length = request.getContentLengthLong();
		if (length > limit) {
			ProxyErrors.write(request, response, 413, "Request body too large",
					"The request body is " + length + " bytes; the limit is " + limit + " bytes.");
			return;
		}
		CircuitBreaker breaker = breakers.breaker(routeId);
		if (!breaker.tryAcquirePermission()) {
			long retryAfter = Math.max(1, (settings.legacyPolicy(routeId).openFor().toMillis() + 999) / 1000);
			ProxyErrors.write(request, response, 503, "The shop is temporarily unavailable",
					"This part of the shop is temporarily unavailable. Please try again in a few seconds.",
					(int) retryAfter);
			return;
		}
		long start = System.nanoTime();
		boolean recorded = false;
		try {
			ForwardingFailure failure = exchange(request, response, target, routeId, length, limit);
			if (failure == null) {
				breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
			else if (failure.legacyDownOrHung()) {
				breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure.cause());
			}
			else {
				breaker.releasePermission();
			}
			recorded = true;
			if (failure != null) {
				// Only now: a shopper who retries at once must find the failure already counted.
				fail(request, response, target, failure);
			}
		}
		catch (IOException brokeOffAfterCommit) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, brokeOffAfterCommit);
			recorded = true;
			throw brokeOffAfterCommit;
		}
		finally {
			if (!recorded) {
				breaker.releasePermission();
			}
		}
	}

	/**
	 * Sends the request with the route's timeouts and streams legacy's answer; the failure before commit, not yet
	 * answered, or null.
	 */
	private @Nullable ForwardingFailure exchange(HttpServletRequest request, HttpServletResponse response,
			String target, String routeId, long length, long limit) throws IOException {
		var outbound = new BasicClassicHttpRequest(request.getMethod(), legacy, target);
		copyRequestHeaders(request, outbound);
		boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
		if (hasBody) {
			// Length -1 makes the client send chunked, as the browser did; a known length is sent as is.
			outbound.setEntity(new InputStreamEntity(new ClientBody(request.getInputStream(), limit), length, null));
		}
		var context = HttpClientContext.create();
		context.setRequestConfig(timeouts.computeIfAbsent(routeId, this::requestConfig));
		ClassicHttpResponse answer;
		try {
			answer = client.executeOpen(legacy, outbound, context);
		}
		catch (IOException ex) {
			return ForwardingFailure.of(ex);
		}
		try (answer) {
			copyResponse(request, response, answer);
			var entity = answer.getEntity();
			if (entity != null && !request.getMethod().equals("HEAD")) {
				try (InputStream in = entity.getContent()) {
					copy(in, response.getOutputStream(), entity.getContentLength());
				}
			}
		}
		catch (IOException ex) {
			if (!response.isCommitted()) {
				return ForwardingFailure.of(ex);
			}
			// Part of legacy's answer already went out; the only honest thing left is to cut the connection.
			log.warn("Legacy answer to {} {} broke off after the response was committed: {}", request.getMethod(),
					target, ex.toString());
			throw ex;
		}
		return null;
	}

	/**
	 * Streams legacy's body to the shopper through a buffer no larger than the body (when legacy says its length):
	 * {@code InputStream.transferTo} allocates 16 KiB per call, which for a typical page was a third of all the
	 * proxy allocated per request, and so of its garbage collections.
	 */
	private static void copy(InputStream in, OutputStream out, long length) throws IOException {
		byte[] buffer = new byte[length >= 0 && length < COPY_BUFFER ? Math.max(1, (int) length) : COPY_BUFFER];
		for (int n; (n = in.read(buffer)) >= 0;) {
			out.write(buffer, 0, n);
		}
	}

	/** The route's connect and read timeouts; the rest as the client's defaults. */
	@SuppressWarnings("deprecation") // the per-request connect timeout is still honoured; ConnectionConfig is per host
	private RequestConfig requestConfig(String routeId) {
		var policy = settings.legacyPolicy(routeId);
		return RequestConfig.custom()
			.setConnectionRequestTimeout(LegacyClientConfiguration.timeout(settings.connectTimeout()))
			.setConnectTimeout(LegacyClientConfiguration.timeout(policy.connectTimeout()))
			.setResponseTimeout(LegacyClientConfiguration.timeout(policy.readTimeout()))
			.setExpectContinueEnabled(false)
			.setRedirectsEnabled(false)
			.build();
	}

	private void fail(HttpServletRequest request, HttpServletResponse response, String target,
			ForwardingFailure failure) throws IOException {
		if (failure.legacysFault()) {
			log.warn("Legacy shop at {} failed on {} {}: {}", legacy, request.getMethod(), target, failure.cause().toString());
		}
		ProxyErrors.write(request, response, failure.status(), failure.title(), failure.detail(),
				failure.retryAfterSeconds());
	}

	private void copyResponse(HttpServletRequest request, HttpServletResponse response, ClassicHttpResponse answer) {
		response.setStatus(answer.getCode());
		Header[] connection = answer.getHeaders("Connection");
		Set<String> connectionTokens = connection.length == 0 ? Set.of()
				: connectionTokens(Collections.enumeration(Arrays.stream(connection).map(Header::getValue).toList()));
		for (Header header : answer.getHeaders()) {
			String name = header.getName().toLowerCase(Locale.ROOT);
			if (name.equals("content-length")) {
				response.setContentLengthLong(Long.parseLong(header.getValue().trim()));
			}
			else if (name.equals("location") || name.equals("refresh") || name.equals("content-location")) {
				response.addHeader(header.getName(), locations.rewrite(name, header.getValue(), request));
			}
			else if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)
					&& !HIDDEN_RESPONSE_HEADERS.contains(name)) {
				response.addHeader(header.getName(), header.getValue());
			}
		}
	}

	private void copyRequestHeaders(HttpServletRequest request, BasicClassicHttpRequest outbound) {
		Set<String> listed = connectionTokens(request.getHeaders("Connection"));
		for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
			String name = names.nextElement();
			String lower = name.toLowerCase(Locale.ROOT);
			if (!HOP_BY_HOP.contains(lower) && !FORWARDED.contains(lower) && !listed.contains(lower)
					&& !lower.startsWith("x-retailflow")) {
				for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
					outbound.addHeader(name, values.nextElement());
				}
			}
		}
		// With server.forward-headers-strategy=native, Tomcat has already taken the client address and scheme
		// from a trusted proxy's X-Forwarded-* (and only a trusted one's); otherwise they are the socket's.
		outbound.addHeader("X-Forwarded-For", request.getRemoteAddr());
		outbound.addHeader("X-Forwarded-Proto", request.getScheme());
		outbound.addHeader("X-Forwarded-Host", publicOrigin.host(request));
		outbound.addHeader("X-Forwarded-Port", String.valueOf(publicOrigin.port(request)));
	}

	/**
	 * The header names a Connection header lists (lower case), which are hop-by-hop too. A message without a
	 * Connection header (most answers, many requests) gets the empty set, not a new one.
	 */
	private static Set<String> connectionTokens(Enumeration<String> connection) {
		if (!connection.hasMoreElements()) {
			return Set.of();
		}
		Set<String> tokens = new HashSet<>();
		while (connection.hasMoreElements()) {
			for (String token : connection.nextElement().split(",")) {
				tokens.add(token.trim().toLowerCase(Locale.ROOT));
			}
		}
		return tokens;
	}

	/**
	 * The shopper's request body as it streams to legacy: counts bytes and stops past the limit (for chunked
	 * bodies without a length), and marks a failure to read it as the client's, not legacy's.
	 */
	private static final class ClientBody extends FilterInputStream {

		private final long limit;
		private long read;

		ClientBody(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b;
			try {
				b = super.read();
			}
			catch (IOException ex) {
				throw new ForwardingFailure.ClientBodyBroken(ex);
			}
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n;
			try {
				n = super.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw new ForwardingFailure.ClientBodyBroken(ex);
			}
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws ForwardingFailure.BodyTooLarge {
			read += n;
			if (read > limit) {
				throw new ForwardingFailure.BodyTooLarge(limit);
			}
		}
	}
}
