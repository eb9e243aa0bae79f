package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A legacy shop that fails in the ways a real one does on a bad day: every failure before the answer is
 * committed is one clean 502/503/504 (a page, with {@code X-Served-By}), and a request reaches legacy exactly
 * as often as it should: once, or twice for an idempotent request whose pooled connection had gone stale.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.proxy.max-connections=1", "retailflow.proxy.connect-timeout=300ms",
				"retailflow.proxy.read-timeout=10s" })
class LegacyFailureTests {

	static final FakeLegacy LEGACY = new FakeLegacy();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
	}

	@AfterAll
	static void stop() {
		LEGACY.close();
	}

	@LocalServerPort
	int port;

	@BeforeEach
	void forget() {
		LEGACY.clear();
	}

	String proxy() {
		return "http://127.0.0.1:" + port;
	}

	@Test
	void aGetThatLegacyNeverAnswersIsOne502PageNotASilentSuccess() {
		var response = ProxyHttp.get(proxy(), "/close.php", "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(response.body()).contains("RetailFlow Shop").contains("did not answer");
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("rf_shopper="));
		// A fresh connection that got no answer is not a stale keep-alive: legacy saw the request once.
		assertThat(LEGACY.received()).containsExactly("GET /close.php");
	}

	@Test
	void aPostThatLegacyNeverAnswersIsOne502ProblemAndNeverSentTwice() {
		long start = System.nanoTime();
		var response = ProxyHttp.send(ProxyHttp.request(proxy(), "/close.php")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("product=7&qty=1"))
			.build());
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":502");
		assertThat(LEGACY.received()).containsExactly("POST /close.php");
		assertThat((System.nanoTime() - start) / 1_000_000).as("no wait for a read timeout").isLessThan(1500);
	}

	@Test
	void anIdempotentRequestOnAStaleKeepAliveIsRetriedOnceOnAFreshConnection() {
		assertThat(ProxyHttp.get(proxy(), "/stale.php?n=1&keep=1").statusCode()).isEqualTo(200);
		// The pooled connection is reused at once; legacy closes it without answering; the GET goes again.
		var second = ProxyHttp.get(proxy(), "/stale.php?n=2");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo("answered GET /stale.php?n=2");
		assertThat(LEGACY.received()).containsExactly("GET /stale.php?n=1&keep=1", "GET /stale.php?n=2", "GET /stale.php?n=2");
	}

	@Test
	void anUnsafeRequestOnAStaleKeepAliveIsNeverRetried() {
		assertThat(ProxyHttp.get(proxy(), "/stale.php?n=1&keep=1").statusCode()).isEqualTo(200);
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/stale.php?n=2")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("qty=1"))
			.build());
		assertThat(post.statusCode()).isEqualTo(502);
		assertThat(LEGACY.received()).containsExactly("GET /stale.php?n=1&keep=1", "POST /stale.php?n=2");
	}

	@Test
	void anExhaustedPoolIsA503WithRetryAfterAndABusyPage() throws Exception {
		CompletableFuture<HttpResponse<String>> holding = CompletableFuture
			.supplyAsync(() -> ProxyHttp.get(proxy(), "/slow.php?ms=3000"), Executors.newVirtualThreadPerTaskExecutor());
		// The one pooled connection is taken once legacy has the slow request.
		await().atMost(Duration.ofSeconds(10)).until(() -> LEGACY.received().contains("GET /slow.php?ms=3000"));
		var busy = ProxyHttp.get(proxy(), "/index.php", "Accept", "text/html");
		assertThat(busy.statusCode()).isEqualTo(503);
		assertThat(busy.headers().firstValue("Retry-After")).isPresent();
		assertThat(busy.body()).contains("busy");
		assertThat(busy.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(holding.get().statusCode()).isEqualTo(200);
		assertThat(LEGACY.received()).containsExactly("GET /slow.php?ms=3000");
	}
}
