package com.retailflow.proxy.internal.forwarding;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.errors.ProxyErrors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forwards a request to the legacy shop byte for byte and streams the answer back.
 *
 * <p>Written against the raw servlet request on purpose: the query string and body are passed on exactly as
 * received (never rebuilt from parsed parameters, which re-encodes {@code !}, {@code +}, {@code %} and
 * duplicates keys), a body-less request is sent without body framing, every response header value — each
 * Set-Cookie separately — is copied, and hop-by-hop headers are dropped in both directions.
 */
@Component
public class LegacyForwarder {

	/** Hop-by-hop headers (RFC 9110 §7.6.1) plus framing, which the client library recomputes. */
	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
			"content-length");

	/** Replaced, not passed on: the proxy states who the client is. */
	private static final Set<String> FORWARDED = Set.of("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
			"x-forwarded-port");

	private static final Logger log = LoggerFactory.getLogger(LegacyForwarder.class);

	private final CloseableHttpClient client;
	private final ProxySettings settings;
	private final HttpHost legacy;
	private final LocationRewriter locations;

	public LegacyForwarder(CloseableHttpClient legacyHttpClient, ProxySettings settings, LocationRewriter locations) {
		this.client = legacyHttpClient;
		this.settings = settings;
		this.locations = locations;
		URI url = settings.legacyUrl();
		this.legacy = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
	}

	/** Thrown when the request body is larger than allowed. */
	public static final class BodyTooLarge extends IOException {

		public BodyTooLarge(long limit) {
			super("Request body larger than " + limit + " bytes");
		}
	}

	/** Forwards and writes the answer; on failure writes a clean 413/502/504 instead, never hangs. */
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
			outbound.setEntity(new InputStreamEntity(new Limited(request.getInputStream(), limit), length, null));
		}
		ClassicHttpResponse answer;
		try {
			answer = client.executeOpen(legacy, outbound, null);
		}
		catch (BodyTooLarge ex) {
			ProxyErrors.write(request, response, 413, "Request body too large", ex.getMessage());
			return;
		}
		catch (ConnectTimeoutException | ConnectException ex) {
			log.warn("Legacy shop unreachable at {}: {}", legacy, ex.getMessage());
			ProxyErrors.write(request, response, 502, "Legacy shop unreachable",
					"The shop is temporarily unavailable. Please try again in a moment.");
			return;
		}
		catch (SocketTimeoutException ex) {
			log.warn("Legacy shop did not answer {} {} within {}", request.getMethod(), target, settings.readTimeout());
			ProxyErrors.write(request, response, 504, "Legacy shop timed out",
					"The shop took too long to answer. Please try again in a moment.");
			return;
		}
		try (answer) {
			response.setStatus(answer.getCode());
			Set<String> connectionTokens = connectionTokens(answer);
			for (Header header : answer.getHeaders()) {
				String name = header.getName().toLowerCase(Locale.ROOT);
				if (name.equals("content-length")) {
					response.setContentLengthLong(Long.parseLong(header.getValue().trim()));
				}
				else if (name.equals("location")) {
					response.addHeader(header.getName(), locations.rewrite(header.getValue(), request));
				}
				else if (!HOP_BY_HOP.contains(name) && !connectionTokens.contains(name)) {
					response.addHeader(header.getName(), header.getValue());
				}
			}
			var entity = answer.getEntity();
			if (entity != null && !request.getMethod().equals("HEAD")) {
				try (InputStream in = entity.getContent(); OutputStream out = response.getOutputStream()) {
					in.transferTo(out);
				}
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
			if (!HOP_BY_HOP.contains(lower) && !FORWARDED.contains(lower) && !listed.contains(name)) {
				for (String value : Collections.list(request.getHeaders(name))) {
					outbound.addHeader(name, value);
				}
			}
		}
		String priorFor = request.getHeader("X-Forwarded-For");
		String client = request.getRemoteAddr();
		outbound.addHeader("X-Forwarded-For", priorFor == null ? client : priorFor + ", " + client);
		outbound.addHeader("X-Forwarded-Proto", request.getScheme());
		outbound.addHeader("X-Forwarded-Host", PublicHost.of(request));
		outbound.addHeader("X-Forwarded-Port", String.valueOf(request.getServerPort()));
	}

	private static Set<String> connectionTokens(ClassicHttpResponse answer) {
		var header = answer.getFirstHeader("Connection");
		if (header == null) {
			return Set.of();
		}
		Set<String> tokens = new TreeSet<>();
		for (String token : header.getValue().split(",")) {
			tokens.add(token.trim().toLowerCase(Locale.ROOT));
		}
		return tokens;
	}

	/** Counts body bytes as they stream and stops past the limit (for chunked bodies without a length). */
	private static final class Limited extends FilterInputStream {

		private final long limit;
		private long read;

		public Limited(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLarge {
			read += n;
			if (read > limit) {
				throw new BodyTooLarge(limit);
			}
		}
	}

	public static Timeout timeout(java.time.Duration duration) {
		return Timeout.ofMilliseconds(duration.toMillis());
	}
}
