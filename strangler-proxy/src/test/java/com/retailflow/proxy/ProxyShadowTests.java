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
				"retailflow.proxy.shadow.workers=1", "retailflow.proxy.shadow.queue-capacity=2" })
class ProxyShadowTests extends AgainstLegacyShop {

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

		var report = await().atMost(Duration.ofSeconds(10)).until(() -> shadow("catalog"),
				r -> r.get("comparisons").asLong() >= 1 && r.get("noiseComparisons").asLong() >= 1);
		assertThat(report.get("differences").asLong()).isEqualTo(report.get("comparisons").asLong());
		var sample = report.get("samples").get(0);
		assertThat(sample.get("legacyUrl").asString()).isEqualTo("/product.php?id=3");
		assertThat(sample.get("newUrl").asString()).isEqualTo("/products/3");
		assertThat(sample.get("otherBody").asString()).isEqualTo("new product 3");
		assertThat(sample.get("fields").toString()).contains("body");
		assertThat(report.get("fieldMismatchRates").get("body").asDouble()).isEqualTo(1.0);
		// Legacy compared with itself differs only in timestamps and CSRF tokens, which the rules ignore.
		assertThat(report.get("noiseDifferences").asLong()).isZero();
	}

	@Test
	void identicalAnswersMatch() {
		await().atMost(Duration.ofSeconds(10)).until(() -> shadow("mirror").get("drops").asLong() >= 0);
		long before = shadow("mirror").get("comparisons").asLong();
		ProxyHttp.get(proxy(), "/assets/style.css");
		var report = await().atMost(Duration.ofSeconds(15)).until(() -> shadow("mirror"),
				r -> r.get("comparisons").asLong() >= before + 1);
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
		var report = await().atMost(Duration.ofSeconds(15)).until(() -> shadow("mirror"),
				r -> r.get("drops").asLong() >= 1 && r.get("differences").asLong() >= 1);
		assertThat(report.get("samples").get(0).get("otherStatus").asInt()).as("timed out shadow").isEqualTo(599);
	}

	@Test
	void unsafeRequestsAreNeverShadowed() {
		long before = shadow("catalog").get("comparisons").asLong();
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/product.php?id=2")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("x=1"))
			.build());
		assertThat(post.headers().firstValue("X-Served-By")).hasValue("legacy");
		ProxyHttp.get(proxy(), "/product.php?id=2");
		await().atMost(Duration.ofSeconds(10)).until(() -> shadow("catalog").get("comparisons").asLong() >= before + 1);
		assertThat(shadow("catalog").get("comparisons").asLong()).isEqualTo(before + 1);
	}

	@Test
	void aRouteWithTooManyDifferencesIsRefusedNew() {
		ProxyHttp.get(proxy(), "/product.php?id=4");
		await().atMost(Duration.ofSeconds(10)).until(() -> shadow("catalog").get("comparisons").asLong() >= 1);
		var refused = ProxyHttp.flip(proxy(), "catalog", "NEW", null, false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("shadow difference rate");
	}

	JsonNode shadow(String route) {
		return JSON.readTree(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/" + route + "/shadow", null, "admin",
				"admin-secret").body());
	}

	static String normalised(String html) {
		return html.replaceAll("Page generated at [0-9: -]+", "").replaceAll("name=\"csrf\" value=\"[0-9a-f]*\"", "");
	}
}
