package com.retailflow.legacydown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app in front of a real PHP shop of its own that is frozen (SIGSTOP), thawed (SIGCONT) and finally
 * killed. Catalog is on the new side; checkout, identity and orders stay on legacy. Timeouts and breaker windows
 * are short so the test stays quick: pages 1 s to read, checkout 2 s, a breaker opens after 3 failed calls of the
 * last 4 and probes after 5 s; identity's breaker never opens, so that its requests show the bulkhead (4 of the
 * 16 pooled connections).
 *
 * <p>The methods run in order on the one shop: frozen and thawed, frozen under load, killed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.backfill-on-start=true", "retailflow.proxy.connect-timeout=500ms",
				"retailflow.proxy.read-timeout=1s", "retailflow.proxy.legacy-routes.checkout.read-timeout=2s",
				"retailflow.proxy.breaker.minimum-calls=3", "retailflow.proxy.breaker.window=4",
				"retailflow.proxy.breaker.failure-rate=50", "retailflow.proxy.breaker.open-for=5s",
				"retailflow.proxy.breaker.probes=1", "retailflow.proxy.legacy-routes.identity.window=1000",
				"retailflow.proxy.legacy-routes.identity.minimum-calls=1000", "retailflow.proxy.max-connections=16",
				"retailflow.proxy.bulkhead.max-share=0.25" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyDownIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.ownShop(20);

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
		registry.add("retailflow.legacy.datasource.url", LEGACY.database()::jdbcUrl);
		registry.add("retailflow.legacy.datasource.username", LEGACY.database()::username);
		registry.add("retailflow.legacy.datasource.password", LEGACY.database()::password);
	}

	@LocalServerPort
	int port;

	Shop shop;

	@AfterEach
	void thaw() {
		// A failed test must not leave the next one a frozen shop.
		if (!killed) {
			LEGACY.thaw();
		}
	}

	boolean killed;

	@BeforeEach
	void catalogOnTheNewSide() {
		shop = new Shop(port);
		await().atMost(Duration.ofSeconds(60)).until(() -> shop.get("/api/v1/products/1", "application/json").status() == 200);
		if (shop.route("catalog").contains("\"mode\":\"NEW\"")) {
			return;
		}
		var flip = shop.admin("PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"NEW\",\"reason\":\"legacy-down test: catalog on the new side\",\"force\":true}");
		assertThat(flip.status()).as(flip.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> shop.get("/products/1", "text/html").servedBy().equals("new"));
	}

	@Test
	@Order(1)
	void aFrozenLegacyTimesOutThenFailsFastThenRecoversByItself() throws Exception {
		var healthy = shop.get("/cart.php", "text/html");
		assertThat(healthy.status()).isEqualTo(200);
		// Legacy forbids storing its pages, so there is no stale copy to serve while it is down (ADR 0042).
		assertThat(healthy.header("Cache-Control")).contains("no-store");

		LEGACY.freeze();
		try (var newSide = Executors.newVirtualThreadPerTaskExecutor()) {
			// While a request waits on the frozen legacy, the new side answers as fast as ever.
			var waiting = newSide.submit(() -> shop.get("/account.php", "text/html"));
			Thread.sleep(200);
			var fresh = shop.get("/products/1", "text/html");
			assertThat(fresh.status()).isEqualTo(200);
			assertThat(fresh.servedBy()).isEqualTo("new");
			assertThat(fresh.millis()).as("new route while legacy hangs").isLessThan(900);
			var first = waiting.get();
			assertThat(first.status()).isEqualTo(504);
			assertThat(first.millis()).as("the page read timeout").isBetween(900L, 1900L);
		}
		// Checkout has its own, longer, read timeout, and its own breaker.
		var checkout = shop.get("/cart.php", "text/html");
		assertThat(checkout.status()).isEqualTo(504);
		assertThat(checkout.millis()).as("checkout's read timeout").isBetween(1900L, 3000L);

		// Two more timeouts on orders: 3 failed calls of 3, its breaker opens.
		for (int i = 0; i < 2; i++) {
			var timedOut = shop.get("/account.php", "text/html");
			assertThat(timedOut.status()).isEqualTo(504);
			assertThat(timedOut.millis()).isBetween(900L, 1900L);
		}
		var page = shop.get("/account.php", "text/html");
		assertThat(page.status()).isEqualTo(503);
		assertThat(page.millis()).as("open breaker: no call to legacy").isLessThan(1000);
		assertThat(page.header("Retry-After")).isEqualTo("5");
		assertThat(page.servedBy()).isEqualTo("legacy");
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("RetailFlow Shop").contains("temporarily unavailable");
		var problem = shop.get("/account.php", "application/json");
		assertThat(problem.status()).isEqualTo(503);
		assertThat(problem.millis()).isLessThan(1000);
		assertThat(problem.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(problem.body()).contains("\"status\":503");
		var form = shop.post("/account.php", "action=save");
		assertThat(form.status()).as("an unsafe request is not sent to legacy either").isEqualTo(503);
		assertThat(form.millis()).isLessThan(1000);

		// What the team sees: the console's route view, the metric, health DOWN for legacy and still ready.
		assertThat(shop.route("orders")).contains("\"legacyBreaker\":\"OPEN\"");
		assertThat(shop.route("checkout")).contains("\"legacyBreaker\":\"CLOSED\"");
		assertThat(shop.admin("GET", "/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:orders&tag=state:open", null)
			.body()).contains("\"value\":1.0");
		var health = shop.admin("GET", "/actuator/health", null);
		assertThat(health.json("/components/legacy/status")).isEqualTo("DOWN");
		assertThat(health.json("/components/legacy/details/orders")).isEqualTo("OPEN");
		var readiness = shop.get("/actuator/health/readiness", "application/json");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json("/status")).isEqualTo("UP");
		var fresh = shop.get("/products/1", "text/html");
		assertThat(fresh.status()).isEqualTo(200);
		assertThat(fresh.millis()).isLessThan(900);

		LEGACY.thaw();
		long thawed = System.nanoTime();
		Response answer;
		do {
			Thread.sleep(100);
			answer = shop.get("/account.php", "text/html");
		}
		while (answer.status() >= 500 && System.nanoTime() - thawed < TimeUnit.SECONDS.toNanos(10));
		long closedAfter = (System.nanoTime() - thawed) / 1_000_000;
		assertThat(answer.status()).isLessThan(500);
		assertThat(answer.servedBy()).isEqualTo("legacy");
		assertThat(closedAfter).as("closed within the probe interval (5 s open) and one call").isLessThan(7500);
		assertThat(shop.route("orders")).contains("\"legacyBreaker\":\"CLOSED\"");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(shop.admin("GET",
				"/admin/api/routes/orders/history", null).body()).contains("legacy circuit breaker OPEN")
			.contains("legacy circuit breaker CLOSED")
			.contains("proxy:legacy-breaker"));
		assertThat(shop.admin("GET", "/actuator/health", null).json("/components/legacy/status")).isEqualTo("UP");
	}

	@Test
	@Order(2)
	void aHungLegacyHoldsNoMoreThanTheBulkheadAndNewRoutesKeepTheirLatency() throws Exception {
		var healthy = newRouteLatencies(Duration.ofSeconds(3));

		LEGACY.freeze();
		var legacyAnswers = new ConcurrentLinkedQueue<Response>();
		var flooding = new AtomicBoolean(true);
		List<Response> frozen;
		Response admin;
		Response liveness;
		long floodStart = System.nanoTime();
		long floodMillis;
		try (var flood = Executors.newVirtualThreadPerTaskExecutor()) {
			// 12 shoppers back to back on a legacy route whose breaker never opens: 4 may wait on legacy at once.
			for (int i = 0; i < 12; i++) {
				flood.submit(() -> {
					while (flooding.get()) {
						var answer = shop.get("/login.php", "text/html");
						legacyAnswers.add(answer);
						if (answer.status() == 503) {
							// A shopper told "busy" tries again a little later, not in a tight loop.
							Thread.sleep(200);
						}
					}
					return null;
				});
			}
			try {
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(shop.admin("GET",
						"/actuator/metrics/resilience4j.bulkhead.available.concurrent.calls?tag=name:legacy", null)
					.body()).as("no permit left").contains("\"value\":0.0"));
				frozen = newRouteLatencies(Duration.ofSeconds(3));
				admin = shop.admin("GET", "/admin/api/routes", null);
				liveness = shop.get("/actuator/health/liveness", "application/json");
			}
			finally {
				// Or closing the executor would wait for the shoppers forever.
				flooding.set(false);
			}
			floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
		}
		LEGACY.thaw();

		var busy = legacyAnswers.stream().filter(r -> r.status() == 503).toList();
		var waited = legacyAnswers.stream().filter(r -> r.status() == 504).toList();
		assertThat(busy).as("refused by the bulkhead").isNotEmpty().allSatisfy(r -> {
			assertThat(r.body()).contains("Too many shoppers are waiting");
			assertThat(r.servedBy()).isEqualTo("legacy");
		});
		// At most 4 at a time reach legacy, each for the 1 s read timeout (the flood ran floodMillis, plus the last round).
		assertThat(waited).as("the admitted wait the read timeout").isNotEmpty()
			.allSatisfy(r -> assertThat(r.millis()).isGreaterThanOrEqualTo(900L))
			.hasSizeLessThanOrEqualTo(4 * (int) (floodMillis / 900 + 2));
		assertThat(median(busy)).as("refused after the bulkhead's short wait, never queued behind legacy").isLessThan(500);
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.millis()).as("admin API while legacy hangs").isLessThan(500);
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.millis()).as("actuator while legacy hangs").isLessThan(500);

		long healthyP99 = p99(healthy);
		long frozenP99 = p99(frozen);
		assertThat(frozen).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
		assertThat(frozenP99).as("new-route p99 with legacy hung (healthy: %d ms)", healthyP99)
			.isLessThanOrEqualTo(Math.max(3 * healthyP99, healthyP99 + 300));
	}

	@Test
	@Order(3)
	void aKilledLegacyIsAnsweredAtOnceAndThenBy503() {
		LEGACY.kill();
		killed = true;
		var answers = new ArrayList<Response>();
		for (int i = 0; i < 5; i++) {
			// Orders' breaker closed again at the end of the first test, with an empty window.
			answers.add(shop.get("/account.php", "text/html"));
		}
		assertThat(answers).allSatisfy(r -> assertThat(r.millis()).as("connection refused: no wait").isLessThan(1000));
		assertThat(answers.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(502));
		assertThat(answers.subList(3, 5)).allSatisfy(r -> {
			assertThat(r.status()).isEqualTo(503);
			assertThat(r.header("Retry-After")).isEqualTo("5");
			assertThat(r.body()).contains("temporarily unavailable");
		});
		assertThat(shop.get("/products/1", "text/html").status()).isEqualTo(200);
	}

	/** Four shoppers back to back on a new route for the given time. */
	List<Response> newRouteLatencies(Duration duration) throws Exception {
		var answers = new ConcurrentLinkedQueue<Response>();
		long end = System.nanoTime() + duration.toNanos();
		try (var shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 4; i++) {
				shoppers.submit(() -> {
					while (System.nanoTime() < end) {
						answers.add(shop.get("/products/1", "text/html"));
					}
				});
			}
		}
		return List.copyOf(answers);
	}

	static long median(List<Response> answers) {
		var millis = answers.stream().mapToLong(Response::millis).sorted().toArray();
		return millis[millis.length / 2];
	}

	static long p99(List<Response> answers) {
		var millis = answers.stream().mapToLong(Response::millis).sorted().toArray();
		return millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)];
	}
}
