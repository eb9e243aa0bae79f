package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import tools.jackson.databind.JsonNode;

/**
 * SHADOW mode over real HTTP: the shopper always gets legacy's answer, unaltered and not delayed; copies of safe
 * requests are compared off the request path; legacy is compared with itself for the noise baseline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "retailflow.proxy.shadow.noise-sample-rate=1.0", "retailflow.proxy.shadow.timeout=500ms",
				"retailflow.proxy.shadow.workers=1", "retailflow.proxy.shadow.queue-capacity=2",
				"retailflow.proxy.shadow.min-comparisons=1" })
class ProxyShadowTests extends ProxyAgainstLegacyShop {

	@BeforeEach
	void shadowEverything() {
		assertThat(ProxyHttp.flip(proxy(), "catalog", "SHADOW", null, false).statusCode()).isEqualTo(200);
		assertThat(ProxyHttp.flip(proxy(), "mirror", "SHADOW", null, false).statusCode()).isEqualTo(200);
	}

	@Test
	void theShopperGetsLegacysAnswerAndTheDifferenceIsRecordedWithASample() {
		var direct = ProxyHttp.get(LEGACY.url(), "/product.php?id=3");
		var shadowed = ProxyHttp.get(proxy(), "/product.php?id=3");
		assertThat(shadowed.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(normalised(shadowed.body())).isEqualTo(normalised(direct.body()));

		var report = await().atMost(Duration.ofSeconds(10)).until(() -> report("catalog"),
				r -> r.get("summary").get("comparisons").asLong() >= 1
						&& r.get("summary").get("noiseComparisons").asLong() >= 1);
		var summary = report.get("summary");
		assertThat(summary.get("differences").asLong()).isEqualTo(summary.get("comparisons").asLong());
		var sample = report.get("samples").get(0);
		assertThat(sample.get("legacyUrl").asString()).isEqualTo("/product.php?id=3");
		assertThat(sample.get("newUrl").asString()).isEqualTo("/products/3");
		// The viewer gets the fields that differ, each with both values: here a page against a plain-text answer.
		var fields = sample.get("fields").valueStream().collect(java.util.stream.Collectors
			.toMap(field -> field.get("field").asString(), field -> field));
		assertThat(fields).containsKeys("title", "text", "body", "header:content-type");
		assertThat(fields.get("body").get("other").asString()).isEqualTo("new product 3");
		assertThat(fields.get("title").get("legacy").asString()).contains("RetailFlow Shop");
		assertThat(summary.get("fields").get("text").get("differenceRate").asDouble()).isEqualTo(1.0);
		// Legacy compared with itself differs only in clocks and CSRF tokens, which are dropped.
		assertThat(summary.get("noiseDifferences").asLong()).isZero();
	}

	@Test
	void copiesCarryNothingOfTheShopperAndAreMarkedAsCopies() throws InterruptedException {
		NewSideController.seen.clear();
		var response = ProxyHttp.get(proxy(), "/assets/headers.txt", "Cookie", "PHPSESSID=abcdef0123456789abcd; rf_visit=x",
				"Authorization", "Basic c2hvcHBlcjpzZWNyZXQ=", "If-None-Match", "\"v1\"", "If-Modified-Since",
				"Tue, 01 Dec 2026 10:00:00 GMT", "Range", "bytes=0-10", "Accept-Encoding", "gzip", "Accept-Language", "de");
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
		var copy = NewSideController.seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(copy).as("the new side got the copy").isNotNull();
		assertThat(copy).doesNotContainKeys("cookie", "authorization", "if-none-match", "if-modified-since", "range",
				"accept-encoding");
		assertThat(copy).containsEntry("accept-language", "de").containsEntry("(shadow copy)", "true");
	}

	@Test
	void aClientsOwnInternalHeadersNeverReachTheNewSide() throws InterruptedException {
		assertThat(ProxyHttp.flip(proxy(), "mirror", "NEW", null, true).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ProxyHttp.get(proxy(), "/mirror/headers.txt").headers().firstValue("X-Served-By"),
					servedBy -> servedBy.equals(java.util.Optional.of("new")));
		NewSideController.seen.clear();
		var response = ProxyHttp.get(proxy(), "/mirror/headers.txt", "X-RetailFlow-Shadow", "1",
				"X-RetailFlow-Shadow-Token", "guessed", "Accept-Language", "fr");
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("new");
		var seen = NewSideController.seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(seen).as("the new side answered").isNotNull();
		assertThat(seen).doesNotContainKeys("x-retailflow-shadow", "x-retailflow-shadow-token")
			.containsEntry("accept-language", "fr")
			.containsEntry("(shadow copy)", "false");
	}

	@Test
	void theNewSideHandlesAtMostWorkersCopiesAtOnceAndSlowOnesAreCancelled() {
		NewSideController.slowMostAtOnce.set(0);
		int interruptedBefore = NewSideController.slowInterrupted.get();
		for (int i = 0; i < 6; i++) {
			ProxyHttp.get(proxy(), "/assets/slow.css");
			sleep(100);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> NewSideController.slowInterrupted.get() > interruptedBefore && NewSideController.slowRunning.get() == 0);
		assertThat(NewSideController.slowMostAtOnce.get()).as("copies handled at once with one worker").isEqualTo(1);
	}

	@Test
	void anAnswerOverTheBodyCapIsSkippedNotCompared() {
		long before = shadow("mirror").get("skipped").asLong();
		ProxyHttp.get(proxy(), "/assets/huge.css");
		await().atMost(Duration.ofSeconds(10)).until(() -> shadow("mirror").get("skipped").asLong() >= before + 1);
		report("mirror").get("samples")
			.forEach(sample -> assertThat(sample.get("legacyUrl").asString()).isNotEqualTo("/assets/huge.css"));
	}

	@Test
	void theGateReadsTheClustersCountsOverARecentWindowFieldByField(
			@org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.JdbcTemplate jdbc) {
		// What other instances stored: this minute's counts, and an old hour that has left the window.
		var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		String insert = "INSERT INTO proxy.shadow_counts (route_id, minute, kind, field, n) VALUES ('flaky', ?, ?, ?, ?)";
		jdbc.update(insert, now, "shadow", "", 300);
		jdbc.update(insert, now, "shadow", "*", 60);
		jdbc.update(insert, now, "shadow", "banner", 30);
		jdbc.update(insert, now, "shadow", "price", 30);
		jdbc.update(insert, now, "noise", "", 100);
		jdbc.update(insert, now, "noise", "*", 10);
		jdbc.update(insert, now, "noise", "banner", 10);
		jdbc.update(insert, now.minusHours(3), "shadow", "", 1000);
		jdbc.update(insert, now.minusHours(3), "shadow", "*", 1000);

		var summary = shadow("flaky");
		assertThat(summary.get("comparisons").asLong()).isEqualTo(300);
		assertThat(summary.get("differences").asLong()).isEqualTo(60);
		assertThat(summary.get("fields").get("banner").get("adjustedRate").asDouble()).isZero();
		assertThat(summary.get("fields").get("price").get("adjustedRate").asDouble()).isEqualTo(0.1);
		var refused = ProxyHttp.flip(proxy(), "flaky", "NEW", null, false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("'price'").doesNotContain("'banner'");
	}

	static JsonNode slowSample(JsonNode report) {
		return report.get("samples")
			.valueStream()
			.filter(sample -> sample.get("legacyUrl").asString().equals("/assets/slow.css")
					&& sample.get("kind").asString().equals("shadow"))
			.findFirst()
			.orElse(null);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void identicalAnswersMatch() {
		await().atMost(Duration.ofSeconds(10)).until(() -> shadow("mirror").get("drops").asLong() >= 0);
		long before = shadow("mirror").get("comparisons").asLong();
		ProxyHttp.get(proxy(), "/assets/style.css");
		var report = await().atMost(Duration.ofSeconds(15)).until(() -> report("mirror"),
				r -> r.get("summary").get("comparisons").asLong() >= before + 1);
		// Other tests shadow slow pages on this route too; none of its differing samples may be the stylesheet.
		report.get("samples").forEach(sample -> assertThat(sample.get("legacyUrl").asString()).isNotEqualTo("/assets/style.css"));
	}

	@Test
	void aSlowNewSideNeverSlowsTheShopperAndAFullQueueDrops() {
		for (int i = 0; i < 8; i++) {
			long start = System.nanoTime();
			var response = ProxyHttp.get(proxy(), "/assets/slow.css");
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
			assertThat(millis).as("shopper waited for the shadow").isLessThan(1500);
		}
		var report = await().atMost(Duration.ofSeconds(15)).until(() -> report("mirror"),
				r -> r.get("summary").get("drops").asLong() >= 1 && slowSample(r) != null);
		assertThat(slowSample(report).get("otherStatus").asInt()).as("timed out shadow").isEqualTo(599);
	}

	@Test
	void unsafeRequestsAreNeverShadowed() {
		long before = offered("catalog");
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/product.php?id=2")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("x=1"))
			.build());
		assertThat(post.headers().firstValue("X-Served-By")).hasValue("legacy");
		ProxyHttp.get(proxy(), "/product.php?id=2");
		// Every copy offered is counted once: compared, dropped (full queue) or skipped. Only the GET's may be there.
		await().atMost(Duration.ofSeconds(30)).until(() -> offered("catalog") >= before + 1);
		assertThat(offered("catalog")).isEqualTo(before + 1);
	}

	long offered(String route) {
		var summary = shadow(route);
		return summary.get("comparisons").asLong() + summary.get("drops").asLong() + summary.get("skipped").asLong();
	}

	@Test
	void aRouteWithTooManyDifferencesIsRefusedNew() {
		// Other tests may have filled the small queue: ask until a comparison got through.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
			ProxyHttp.get(proxy(), "/product.php?id=4");
			return shadow("catalog").get("comparisons").asLong() >= 1;
		});
		var refused = ProxyHttp.flip(proxy(), "catalog", "NEW", null, false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("shadow difference rate");
	}

	JsonNode report(String route) {
		return JSON.readTree(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/" + route + "/shadow", null, "admin",
				"admin-secret").body());
	}

	JsonNode shadow(String route) {
		return report(route).get("summary");
	}

	static String normalised(String html) {
		return html.replaceAll("Page generated at [0-9: -]+", "").replaceAll("name=\"csrf\" value=\"[0-9a-f]*\"", "");
	}
}
