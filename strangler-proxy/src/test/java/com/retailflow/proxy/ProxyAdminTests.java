package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/** The admin API's contract (docs/contracts.md, "Admin API"), its authorisation, the audit log, and the automatic fallback. */
class ProxyAdminTests extends ProxyAgainstLegacyShop {

	@Autowired
	MeterRegistry meters;

	@Test
	void anonymousGets401AndANonAdminGets403() {
		var anonymous = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, null, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
		assertThat(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "admin", "wrong").statusCode()).isEqualTo(401);
		var viewer = ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"NEW\",\"reason\":\"x\",\"force\":true}", "viewer", "viewer-secret");
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "viewer", "viewer-secret").statusCode())
			.isEqualTo(403);
	}

	@Test
	void listsRoutesInTheContractShape() {
		var response = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "admin", "admin-secret");
		assertThat(response.statusCode()).isEqualTo(200);
		var routes = JSON.readTree(response.body());
		var catalog = routes.get(0);
		assertThat(catalog.get("id").asString()).isEqualTo("catalog");
		assertThat(catalog.get("module").asString()).isEqualTo("catalog");
		assertThat(catalog.get("patterns").isArray()).isTrue();
		assertThat(catalog.has("mode") && catalog.has("percent") && catalog.has("updatedAt") && catalog.has("updatedBy"))
			.isTrue();
	}

	@Test
	void invalidChangesAre400ProblemsAndUnknownRoutes404() {
		for (String body : new String[] { "{\"mode\":\"SIDEWAYS\",\"reason\":\"x\"}",
				"{\"mode\":\"CANARY\",\"percent\":100.5,\"reason\":\"x\"}",
				"{\"mode\":\"CANARY\",\"percent\":-1,\"reason\":\"x\"}",
				"{\"mode\":\"CANARY\",\"percent\":12.345,\"reason\":\"x\"}", "{\"mode\":\"CANARY\",\"reason\":\"x\"}",
				"{\"mode\":\"LEGACY\",\"reason\":\"  \"}", "{\"mode\":\"LEGACY\"}", "not json" }) {
			var response = ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog", body, "admin", "admin-secret");
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
		}
		assertThat(ProxyHttp.flip(proxy(), "nope", "LEGACY", null, false).statusCode()).isEqualTo(404);
		assertThat(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/nope/history", null, "admin", "admin-secret")
			.statusCode()).isEqualTo(404);
	}

	@Test
	void historyIsAuditedNewestFirstWithWhoAndWhy() {
		ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"CANARY\",\"percent\":1.25,\"reason\":\"first canary\"}", "admin", "admin-secret");
		ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"LEGACY\",\"reason\":\"rollback drill\"}", "admin", "admin-secret");
		var history = JSON.readTree(
				ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/catalog/history", null, "admin", "admin-secret").body());
		assertThat(history.get(0).get("reason").asString()).isEqualTo("rollback drill");
		assertThat(history.get(0).get("fromMode").asString()).isEqualTo("CANARY");
		assertThat(history.get(0).get("fromPercent").decimalValue()).isEqualByComparingTo("1.25");
		assertThat(history.get(0).get("toMode").asString()).isEqualTo("LEGACY");
		assertThat(history.get(0).get("actor").asString()).isEqualTo("admin");
		assertThat(history.get(1).get("reason").asString()).isEqualTo("first canary");
	}

	@Test
	void automaticFallbackNeedsEnoughDataReplaysOnlySafeRequestsAndIsAudited() {
		assertThat(ProxyHttp.flip(proxy(), "flaky", "NEW", null, true).statusCode()).isEqualTo(200);
		double alertsBefore = meters.counter("retailflow.proxy.fallbacks", "route", "flaky").count();
		// Below the minimum number of requests: failing GETs are answered by legacy, but nothing flips.
		for (int i = 0; i < 3; i++) {
			var replayed = ProxyHttp.get(proxy(), "/flaky/broken");
			assertThat(replayed.headers().firstValue("X-Served-By")).hasValue("legacy");
			assertThat(replayed.body()).doesNotContain("new side broke");
		}
		assertThat(mode("flaky")).isEqualTo("NEW");
		// An unsafe request that failed is answered with the failure, never sent to legacy as well.
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/flaky/order")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("qty=1"))
			.build());
		assertThat(post.statusCode()).isEqualTo(500);
		assertThat(post.headers().firstValue("X-Served-By")).hasValue("new");
		assertThat(post.body()).contains("new side broke on POST");
		// The fifth new-side error crosses the threshold with enough data: legacy answers the route for a while,
		// the chosen mode stays NEW.
		ProxyHttp.get(proxy(), "/flaky/broken");
		JsonNode flaky = route("flaky");
		assertThat(flaky.get("mode").asString()).isEqualTo("NEW");
		assertThat(flaky.get("fallback").get("activeUntil").isNull()).isFalse();
		var history = JSON.readTree(
				ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/flaky/history", null, "admin", "admin-secret").body());
		assertThat(history.get(0).get("automatic").asBoolean()).isTrue();
		assertThat(history.get(0).get("actor").asString()).isEqualTo("proxy:auto-fallback");
		assertThat(history.get(0).get("toMode").asString()).isEqualTo("LEGACY");
		assertThat(meters.counter("retailflow.proxy.fallbacks", "route", "flaky").count()).isEqualTo(alertsBefore + 1);
		assertThat(ProxyHttp.get(proxy(), "/flaky/fine").headers().firstValue("X-Served-By")).hasValue("legacy");
	}

	@Test
	void theFallbackIsTimeBoundedThenTheChosenModeReturnsAndBothEndsAreAudited() {
		assertThat(ProxyHttp.flip(proxy(), "flaky", "NEW", null, true).statusCode()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			ProxyHttp.get(proxy(), "/flaky/broken");
		}
		assertThat(ProxyHttp.get(proxy(), "/flaky/fine").headers().firstValue("X-Served-By")).hasValue("legacy");
		// The flaky route's ejection is 2 s (test configuration): then the new side is tried again.
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				ProxyHttp.get(proxy(), "/flaky/fine").headers().firstValue("X-Served-By")).hasValue("new"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var history = JSON.readTree(ProxyHttp
				.admin(proxy(), "GET", "/admin/api/routes/flaky/history", null, "admin", "admin-secret")
				.body());
			assertThat(history.get(0).get("reason").asString()).startsWith("automatic fallback ended");
			assertThat(history.get(0).get("toMode").asString()).isEqualTo("NEW");
			assertThat(history.get(1).get("reason").asString()).contains("legacy answers until");
		});
		assertThat(route("flaky").get("fallback").get("activeUntil").isNull()).isTrue();
	}

	@Test
	void thresholdsArePerRouteAndShownByTheRoutesApi() {
		JsonNode flaky = route("flaky").get("fallback");
		assertThat(flaky.get("errorRate").asDouble()).isEqualTo(0.5);
		assertThat(flaky.get("minRequests").asInt()).isEqualTo(5);
		assertThat(Duration.parse(flaky.get("ejection").asString())).isEqualTo(Duration.ofSeconds(2));
		assertThat(Duration.parse(route("catalog").get("fallback").get("ejection").asString()))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void shoppersHangingUpMidUploadNeverTripTheFallback() throws Exception {
		assertThat(ProxyHttp.flip(proxy(), "flaky", "NEW", null, true).statusCode()).isEqualTo(200);
		for (int i = 0; i < 8; i++) {
			try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
				socket.getOutputStream().write(("POST /flaky/upload HTTP/1.1\r\nHost: x\r\n"
						+ "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\npartial")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				Thread.sleep(100);
			}
		}
		Thread.sleep(500);
		assertThat(route("flaky").get("fallback").get("activeUntil").isNull()).isTrue();
		assertThat(ProxyHttp.get(proxy(), "/flaky/fine").headers().firstValue("X-Served-By")).hasValue("new");
	}

	@Test
	void aCanaryAtOneHundredPercentIsGatedLikeNew() {
		var refused = ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("no sync status");
		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "99.99", false).statusCode()).isEqualTo(200);
		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", true).statusCode()).isEqualTo(200);
		var history = JSON.readTree(
				ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/catalog/history", null, "admin", "admin-secret").body());
		assertThat(history.get(0).get("forced").asBoolean()).as("recorded as a forced cut-over").isTrue();
	}

	@Test
	void anExceptionOnTheNewSideIsReplayedToLegacy() {
		assertThat(ProxyHttp.flip(proxy(), "flaky", "NEW", null, true).statusCode()).isEqualTo(200);
		var replayed = ProxyHttp.get(proxy(), "/flaky/throws");
		assertThat(replayed.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(replayed.body()).doesNotContain("blew up");
		// A first visit keeps the cookies minted for it: the replay never re-keys the shopper.
		assertThat(replayed.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("rf_shopper="))
			.anySatisfy(c -> assertThat(c).startsWith("rf_visit="));
		ProxyHttp.flip(proxy(), "flaky", "LEGACY", null, false);
	}

	@Test
	void goingBackToLegacyIsNeverRefused() {
		assertThat(ProxyHttp.flip(proxy(), "catalog", "NEW", null, true).statusCode()).isEqualTo(200);
		var back = ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"LEGACY\",\"reason\":\"errors on checkout page\"}", "admin", "admin-secret");
		assertThat(back.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(back.body()).get("mode").asString()).isEqualTo("LEGACY");
	}

	@Test
	void canaryAtAHundredPercentIsACutOverThatTheGateGuards() {
		var refused = ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(refused.body()).get("failures").get(0).asString()).contains("no sync status");
		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "99.99", false).statusCode()).isEqualTo(200);

		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", true).statusCode()).isEqualTo(200);
		var history = JSON.readTree(
				ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/catalog/history", null, "admin", "admin-secret").body());
		assertThat(history.get(0).get("toMode").asString()).isEqualTo("CANARY");
		assertThat(history.get(0).get("forced").asBoolean()).isTrue();
		var migration = JSON.readTree(
				ProxyHttp.admin(proxy(), "GET", "/admin/api/migration", null, "admin", "admin-secret").body());
		var catalog = migration.get(0);
		assertThat(catalog.get("module").asString()).isEqualTo("catalog");
		assertThat(catalog.get("systemOfRecord").asString()).isEqualTo("new");
		assertThat(catalog.has("syncLagSeconds") && catalog.get("syncLagSeconds").isNull()).as("no sync status").isTrue();
		assertThat(catalog.has("lastReconciliation") && catalog.has("shadowComparisons")
				&& catalog.has("shadowDifferenceRate")).isTrue();
		ProxyHttp.flip(proxy(), "catalog", "LEGACY", null, false);
	}

	String mode(String route) {
		return route(route).get("mode").asString();
	}

	JsonNode route(String route) {
		var routes = JSON.readTree(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "admin", "admin-secret").body());
		for (var node : routes) {
			if (node.get("id").asString().equals(route)) {
				return node;
			}
		}
		throw new AssertionError("no route " + route);
	}
}
