package com.retailflow.proxy.internal.forwarding;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.errors.ProxyErrors;
import com.retailflow.proxy.internal.routing.Decision;
import com.retailflow.proxy.internal.routing.LegacySide;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
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

	private final CloseableHttpClient client;
	private final ProxySettings settings;
	private final HttpHost legacy;
	private final LocationRewriter locations;
	private final PublicOrigin publicOrigin;

	LegacyForwarder(CloseableHttpClient legacyHttpClient, ProxySettings settings, LocationRewriter locations,
			PublicOrigin publicOrigin) {
		this.client = legacyHttpClient;
		this.settings = settings;
		this.locations = locations;
		this.publicOrigin = publicOrigin;
		URI url = settings.legacyUrl();
		this.legacy = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
	}

	@Override
	public void answer(HttpServletRequest request, HttpServletResponse response, Decision decision) throws IOException {
		forward(request, response, decision.target());
	}

	/** Forwards and writes the answer; on failure writes a clean 4xx/5xx instead, never hangs. */
	public void forward(HttpServletRequest request, HttpServletResponse response, String target) throws IOException {
		long limit = settings.maxBodySize().toBytes();
		long length = request.getContentLengthLong();
		if (length > limit) {
			ProxyErrors.write(request, response, 413, "Request body too large",
					"The request body is " + length + " bytes; the limit is " + limit + " bytes.");
			return;
		}
		var outbound = new BasicClassicHttpRequest(request.getMethod(), legacy, target);
		copyRequestHeaders(request, outbound);
		boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
		if (hasBody) {
			// Length -1 makes the client send chunked, as the browser did; a known length is sent as is.
			outbound.setEntity(new InputStreamEntity(new ClientBody(request.getInputStream(), limit), length, null));
		}
		ClassicHttpResponse answer;
		try {
			answer = client.executeOpen(legacy, outbound, null);
		}
		catch (IOException ex) {
			fail(request, response, target, ForwardingFailure.of(ex));
			return;
		}
		try (answer) {
			copyResponse(request, response, answer);
			var entity = answer.getEntity();
			if (entity != null && !request.getMethod().equals("HEAD")) {
				try (InputStream in = entity.getContent()) {
					OutputStream out = response.getOutputStream();
					in.transferTo(out);
				}
			}
		}
		catch (IOException ex) {
			if (!response.isCommitted()) {
				fail(request, response, target, ForwardingFailure.of(ex));
				return;
			}
			// Part of legacy's answer already went out; the only honest thing left is to cut the connection.
			log.warn("Legacy answer to {} {} broke off after the response was committed: {}", request.getMethod(),
					target, ex.toString());
			throw ex;
		}
	}

	private void fail(HttpServletRequest request, HttpServletResponse response, String target, ForwardingFailure failure)
			throws IOException {
		if (failure.legacysFault()) {
			log.warn("Legacy shop at {} failed on {} {}: {}", legacy, request.getMethod(), target, failure.cause().toString());
		}
		ProxyErrors.write(request, response, failure.status(), failure.title(), failure.detail(),
				failure.retryAfterSeconds());
	}

	private void copyResponse(HttpServletRequest request, HttpServletResponse response, ClassicHttpResponse answer) {
		response.setStatus(answer.getCode());
		Set<String> connectionTokens = connectionTokens(answer);
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
		Set<String> listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (String token : Collections.list(request.getHeaders("Connection"))) {
			for (String name : token.split(",")) {
				listed.add(name.trim());
			}
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!HOP_BY_HOP.contains(lower) && !FORWARDED.contains(lower) && !listed.contains(name)
					&& !lower.startsWith("x-retailflow")) {
				for (String value : Collections.list(request.getHeaders(name))) {
					outbound.addHeader(name, value);
				}
			}
		}
		// With server.forward-headers-strategy=native, Tomcat has already taken the client address and scheme
		// from a trusted proxy's X-Forwarded-* (and only a trusted one's); otherwise they are the socket's.
		outbound.addHeader("X-Forwarded-For", request.getRemoteAddr());
		outbound.addHeader("X-Forwarded-Proto", request.getScheme());
		outbound.addHeader("X-Forwarded-Host", publicOrigin.host(request));
		outbound.addHeader("X-Forwarded-Port", String.valueOf(request.getServerPort()));
	}

	private static Set<String> connectionTokens(ClassicHttpResponse answer) {
		Set<String> tokens = new TreeSet<>();
		for (Header header : answer.getHeaders("Connection")) {
			for (String token : header.getValue().split(",")) {
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
