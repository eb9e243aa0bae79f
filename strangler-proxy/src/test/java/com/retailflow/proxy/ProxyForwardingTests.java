package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Golden tests of forwarding fidelity: the real legacy shop's echo page reports what it received, once
 * directly and once through the proxy, and the two must match byte for byte (except the X-Forwarded-*
 * headers the proxy adds and Host).
 */
class ProxyForwardingTests extends ProxyAgainstLegacyShop {

	/** Added or rewritten by any proxy: Host, X-Forwarded-*, and Connection (hop-by-hop by definition). */
	static final Set<String> PROXY_ADDED = Set.of("host", "connection", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
			"x-forwarded-port");

	@Test
	void urlencodedFormsArriveByteForByte() {
		List<String> bodies = List.of("a=1&b=hello+world&c=%21%25&d=!&e=&f[]=x&f[]=y&g=caf%C3%A9&g=again&h=%2B",
				"name=O%27Brien&note=100%25+sure!&empty=&empty=&qty%5B7%5D=2&qty%5B9%5D=0", "=&&a==b&%E2%82%AC=euro");
		for (String body : bodies) {
			var direct = echo(LEGACY.url(), body, "application/x-www-form-urlencoded");
			var proxied = echo(proxy(), body, "application/x-www-form-urlencoded");
			assertSameRequest(direct, proxied);
			assertThat(new String(java.util.Base64.getDecoder().decode(proxied.get("body_base64").asString()),
					StandardCharsets.UTF_8)).isEqualTo(body);
		}
	}

	@Test
	void queryStringsArriveUntouched() {
		String query = "?q=a+b&q=%21&x=%2520&arr[]=1&arr[]=2&empty=&utf=%C3%A9t%C3%A9";
		var direct = json(ProxyHttp.get(LEGACY.url(), "/_debug/echo.php" + query));
		var proxied = json(ProxyHttp.get(proxy(), "/_debug/echo.php" + query));
		assertSameRequest(direct, proxied);
		assertThat(proxied.get("query_string").asString()).isEqualTo(query.substring(1));
	}

	@Test
	void queryCharactersLegacyToleratesUnencodedAreForwardedNotRefused() throws java.io.IOException {
		// Browsers and old links send these raw; nginx and PHP take them, so the proxy must not answer 400 first.
		String query = "q=\"tea\"<b>\\x&qty[7]=2&a={1}|^`";
		var proxied = ErrorContractTests.RawResponse.get(port, "/_debug/echo.php?" + query, "application/json");
		assertThat(proxied.status()).as(proxied.head()).isEqualTo(200);
		assertThat(JSON.readTree(proxied.body()).get("query_string").asString()).isEqualTo(query);
	}

	@Test
	void chunkedBodiesAreStreamedThrough() {
		byte[] body = "chunked=yes&payload=".concat("x".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
		var request = ProxyHttp.request(proxy(), "/_debug/echo.php")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		var proxied = json(ProxyHttp.send(request));
		assertThat(proxied.get("body_length").asInt()).isEqualTo(body.length);
		assertThat(proxied.get("post").get("chunked").asString()).isEqualTo("yes");
	}

	@Test
	void multipartUploadsArriveIntact() {
		String boundary = "----rfBoundary7MA4YWxk";
		byte[] file = new byte[5000];
		for (int i = 0; i < file.length; i++) {
			file[i] = (byte) (i * 31);
		}
		var out = new java.io.ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCafé + 100%!\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(file);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		String type = "multipart/form-data; boundary=" + boundary;
		var direct = echoBytes(LEGACY.url(), out.toByteArray(), type);
		var proxied = echoBytes(proxy(), out.toByteArray(), type);
		assertSameRequest(direct, proxied);
		assertThat(proxied.get("files").get(0).get("size").asInt()).isEqualTo(5000);
		assertThat(proxied.get("post").get("title").asString()).isEqualTo("Café + 100%!");
	}

	@Test
	void bodylessRequestsGetNoBodyFraming() {
		var proxied = json(ProxyHttp.get(proxy(), "/_debug/echo.php?plain=1"));
		var headers = lowerCaseNames(proxied.get("headers"));
		assertThat(headers).doesNotContain("content-length", "transfer-encoding");
		var head = ProxyHttp.send(ProxyHttp.request(proxy(), "/_debug/echo.php?plain=1")
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
	}

	@Test
	void everySetCookieAndStatusPassesThrough() {
		var direct = ProxyHttp.get(LEGACY.url(), "/_debug/echo.php?cookies=4&status=418");
		var proxied = ProxyHttp.get(proxy(), "/_debug/echo.php?cookies=4&status=418");
		assertThat(proxied.statusCode()).isEqualTo(418).isEqualTo(direct.statusCode());
		assertThat(legacyCookies(proxied)).hasSize(4).isEqualTo(legacyCookies(direct));
		// Tomcat re-serialises Content-Type (drops the space before charset); the value is the same media type.
		assertThat(proxied.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")))
			.isEqualTo(direct.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")));
		assertThat(proxied.headers().firstValue("X-Served-By")).hasValue("legacy");
	}

	@Test
	void forwardedHeadersAreReplacedNotAppended() {
		var proxied = json(ProxyHttp.get(proxy(), "/_debug/echo.php", "X-Forwarded-For", "203.0.113.9", "Forwarded",
				"for=6.6.6.6;host=evil", "X-Real-IP", "6.6.6.6", "X-Forwarded-Host", "evil.example"));
		JsonNode headers = proxied.get("headers");
		// The client's claims are spoofable; this test app trusts no proxy in front of it, so the socket decides.
		assertThat(header(headers, "X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(header(headers, "Forwarded")).isNull();
		assertThat(header(headers, "X-Real-IP")).isNull();
		assertThat(header(headers, "X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
		assertThat(header(headers, "X-Forwarded-Port")).isEqualTo(String.valueOf(port));
		assertThat(header(headers, "X-Forwarded-Proto")).isEqualTo("http");
	}

	@Test
	void absoluteLegacyRedirectsPointAtThePublicHost() {
		var direct = ProxyHttp.get(LEGACY.url(), "/_debug/echo.php?redirect=/cart.php");
		assertThat(direct.headers().firstValue("Location")).hasValue(LEGACY.url() + "/cart.php");
		var proxied = ProxyHttp.get(proxy(), "/_debug/echo.php?redirect=/cart.php");
		assertThat(proxied.statusCode()).isEqualTo(302);
		assertThat(proxied.headers().firstValue("Location")).hasValue(proxy() + "/cart.php");
	}

	@Test
	void aLegacyRedirectThatJavaNetUriRefusesIsStillMovedToThePublicHost() {
		var proxied = ProxyHttp.get(proxy(), "/_debug/echo.php?redirect=" + java.net.URLEncoder.encode("/search.php?q=a b",
				StandardCharsets.UTF_8).replace("+", "%20"));
		assertThat(proxied.headers().firstValue("Location")).hasValue(proxy() + "/search.php?q=a b");
	}

	@Test
	void expectIsNotForwardedAndBackendHeadersAreHidden() throws Exception {
		// java.net.http refuses to send Expect itself: a raw request, body sent at once (Tomcat answered the 100).
		try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("POST /_debug/echo.php HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\na=1")
				.getBytes(StandardCharsets.US_ASCII));
			String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(raw).containsPattern("\"body_length\":\\s*3").doesNotContain("100-continue");
		}
		var direct = ProxyHttp.get(LEGACY.url(), "/_debug/echo.php");
		assertThat(direct.headers().firstValue("X-Powered-By")).as("legacy itself says it").isPresent();
		var page = ProxyHttp.get(proxy(), "/_debug/echo.php");
		assertThat(page.headers().firstValue("X-Powered-By")).isEmpty();
		assertThat(page.headers().firstValue("Server")).isEmpty();
	}

	@Test
	void bodiesAboveTheCapAreRefusedWith413() {
		String body = "big=" + "y".repeat(70 * 1024);
		var response = ProxyHttp.send(ProxyHttp.request(proxy(), "/_debug/echo.php")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		var chunked = ProxyHttp.send(ProxyHttp.request(proxy(), "/_debug/echo.php")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
			.build());
		assertThat(chunked.statusCode()).isEqualTo(413);
	}

	@Test
	void aSlowLegacyAnswerBecomes504NotAHang() {
		long start = System.nanoTime();
		var response = ProxyHttp.get(proxy(), "/_debug/echo.php?delay_ms=4000", "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).contains("took too long");
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3900);
	}

	@Test
	void concurrentForwardingGrowsNoPlatformThreadPool() throws Exception {
		ProxyHttp.get(proxy(), "/_debug/echo.php?warm=1");
		var before = serverPlatformThreads();
		var failures = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
		// php -S has 4 workers: 48 concurrent requests queue there (behind the proxy) without timing out. 180 in all
		// stay within the bulkhead (0.75 of the 256 pooled connections), which would refuse the rest with 503.
		try (var load = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 180; i++) {
				int n = i;
				load.submit(() -> {
					if (n % 48 == 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
					}
					int status = ProxyHttp.get(proxy(), "/_debug/echo.php?delay_ms=5").statusCode();
					if (status != 200) {
						failures.add(status);
					}
				});
			}
		}
		// ThreadMXBean counts platform threads only: requests and outbound calls ran on virtual threads.
		assertThat(failures).isEmpty();
		var added = new java.util.TreeSet<>(serverPlatformThreads());
		added.removeAll(before);
		assertThat(added).as("platform threads added under 180 concurrent requests").hasSizeLessThan(4);
	}

	/** Live platform threads, minus the test's own HTTP client (java.net.http runs on a cached platform pool). */
	static java.util.Set<String> serverPlatformThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> !thread.isVirtual())
			.map(Thread::getName)
			.filter(name -> !name.startsWith("HttpClient-"))
			.collect(java.util.stream.Collectors.toSet());
	}

	// --- helpers ---

	JsonNode echo(String base, String body, String contentType) {
		return echoBytes(base, body.getBytes(StandardCharsets.UTF_8), contentType);
	}

	JsonNode echoBytes(String base, byte[] body, String contentType) {
		return json(ProxyHttp.send(ProxyHttp.request(base, "/_debug/echo.php?from=test&x=%21")
			.header("Content-Type", contentType)
			.header("User-Agent", "golden-test")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build()));
	}

	static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** Same method, URI, body, parsed fields, files and headers (but the ones a proxy must add or change). */
	static void assertSameRequest(JsonNode direct, JsonNode proxied) {
		for (String field : List.of("method", "uri", "query_string", "body_base64", "body_length", "post", "get", "files")) {
			assertThat(proxied.get(field)).as(field).isEqualTo(direct.get(field));
		}
		assertThat(withoutProxyHeaders(proxied.get("headers"))).isEqualTo(withoutProxyHeaders(direct.get("headers")));
	}

	static java.util.Map<String, String> withoutProxyHeaders(JsonNode headers) {
		var map = new java.util.TreeMap<String, String>();
		headers.properties().forEach(entry -> {
			if (!PROXY_ADDED.contains(entry.getKey().toLowerCase(java.util.Locale.ROOT))) {
				map.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), entry.getValue().asString());
			}
		});
		return map;
	}

	static Set<String> lowerCaseNames(JsonNode headers) {
		return withoutProxyHeaders(headers).keySet();
	}

	static String header(JsonNode headers, String name) {
		return headers.properties()
			.stream()
			.filter(entry -> entry.getKey().equalsIgnoreCase(name))
			.map(entry -> entry.getValue().asString())
			.findFirst()
			.orElse(null);
	}

	static List<String> legacyCookies(HttpResponse<String> response) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("echo_cookie")).toList();
	}
}
