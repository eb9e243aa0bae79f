package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Every mode over real HTTP, with the real legacy shop behind: URL mapping, flips, stickiness, drain. */
class ProxyModesTests extends ProxyAgainstLegacyShop {

	@BeforeEach
	void catalogIsLegacy() {
		assertThat(ProxyHttp.flip(proxy(), "catalog", "LEGACY", null, false).statusCode()).isEqualTo(200);
	}

	@Test
	void unmatchedRequestsGoToLegacy() {
		var response = ProxyHttp.get(proxy(), "/cart.php");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(response.body()).contains("RetailFlow Shop");
	}

	@Test
	void legacyUrlsThatOnlyStartLikeAnApplicationPathStillGoToLegacy() {
		for (String path : new String[] { "/errors.php", "/error-404.php", "/admin.php", "/administrator/", "/apiary.php" }) {
			assertThat(ProxyHttp.get(proxy(), path).headers().firstValue("X-Served-By")).as(path).hasValue("legacy");
		}
		assertThat(ProxyHttp.get(proxy(), "/error").headers().firstValue("X-Served-By")).isEmpty();
	}

	@Test
	void legacyModeServesNewUrlsFromLegacy() {
		var byNewUrl = ProxyHttp.get(proxy(), "/products/1");
		assertThat(byNewUrl.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(byNewUrl.body()).contains("Café Crème Espresso Beans");
		var byLegacyUrl = ProxyHttp.get(proxy(), "/product.php?id=1");
		assertThat(byLegacyUrl.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(byLegacyUrl.body()).contains("Café Crème Espresso Beans");
	}

	@Test
	void newModeIsRefusedByTheGateUnlessForcedThenRedirectsLegacyUrls() {
		var refused = ProxyHttp.flip(proxy(), "catalog", "NEW", null, false);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("no sync status");
		assertThat(ProxyHttp.get(proxy(), "/products/1").headers().firstValue("X-Served-By")).hasValue("legacy");

		assertThat(ProxyHttp.flip(proxy(), "catalog", "NEW", null, true).statusCode()).isEqualTo(200);
		var redirect = ProxyHttp.get(proxy(), "/product.php?id=7");
		assertThat(redirect.statusCode()).isEqualTo(301);
		assertThat(redirect.headers().firstValue("Location")).hasValue("/products/7");
		var served = ProxyHttp.get(proxy(), "/products/7");
		assertThat(served.headers().firstValue("X-Served-By")).hasValue("new");
		assertThat(served.body()).isEqualTo("new product 7");
		// A legacy URL without a new page stays with legacy; a POST to a legacy URL is dispatched, not redirected.
		assertThat(ProxyHttp.get(proxy(), "/category.php?id=1").headers().firstValue("X-Served-By")).hasValue("legacy");

		assertThat(ProxyHttp.flip(proxy(), "catalog", "LEGACY", null, false).statusCode()).isEqualTo(200);
		assertThat(ProxyHttp.get(proxy(), "/products/7").headers().firstValue("X-Served-By")).hasValue("legacy");
	}

	@Test
	void legacyRedirectsToALegacyUrlOfANewRouteAreMappedToTheNewUrl() {
		String redirect = "/_debug/echo.php?redirect=" + java.net.URLEncoder.encode("/product.php?id=3", java.nio.charset.StandardCharsets.UTF_8);
		assertThat(ProxyHttp.get(proxy(), redirect).headers().firstValue("Location"))
			.hasValue(proxy() + "/product.php?id=3");
		ProxyHttp.flip(proxy(), "catalog", "NEW", null, true);
		assertThat(ProxyHttp.get(proxy(), redirect).headers().firstValue("Location")).hasValue(proxy() + "/products/3");
	}

	@Test
	void canaryIsStickyAndMatchesTheAssignmentEndpoint() {
		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "50", false).statusCode()).isEqualTo(200);
		int onNew = 0;
		for (int i = 0; i < 40; i++) {
			String shopper = UUID.randomUUID().toString();
			String side = sideOf("/products/3", "rf_shopper=" + shopper);
			assertThat(sideOf("/products/3", "rf_shopper=" + shopper)).as("same shopper, same side").isEqualTo(side);
			assertThat(assignment("catalog", shopper).get("side").asString()).isEqualTo(side);
			onNew += side.equals("new") ? 1 : 0;
		}
		assertThat(onNew).as("about half of 40 shoppers").isBetween(8, 32);
	}

	@Test
	void raisingThePercentOnlyMovesShoppersFromLegacyToNew() {
		List<String> shoppers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			shoppers.add(UUID.randomUUID().toString());
		}
		Map<String, String> before = new java.util.HashMap<>();
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "20.5", false);
		// Fresh visits each time (no rf_visit cookie sent back), so only the bucket decides.
		shoppers.forEach(s -> before.put(s, sideOf("/products/4", "rf_shopper=" + s)));
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "60.25", false);
		Map<String, String> after = new java.util.HashMap<>();
		shoppers.forEach(s -> after.put(s, sideOf("/products/4", "rf_shopper=" + s)));
		for (String shopper : shoppers) {
			if (before.get(shopper).equals("new")) {
				assertThat(after.get(shopper)).as("shopper " + shopper + " was on new").isEqualTo("new");
			}
		}
		assertThat(after.values().stream().filter("new"::equals).count())
			.isGreaterThan(before.values().stream().filter("new"::equals).count());
	}

	@Test
	void loweringThePercentDrainsVisitsAlreadyOnNewButLegacyMovesEveryone() {
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", true);
		String shopper = UUID.randomUUID().toString();
		var first = ProxyHttp.get(proxy(), "/products/5", "Cookie", "rf_shopper=" + shopper);
		assertThat(first.headers().firstValue("X-Served-By")).hasValue("new");
		String visit = ProxyHttp.cookie(first, "rf_visit");

		ProxyHttp.flip(proxy(), "catalog", "CANARY", "0", false);
		assertThat(sideOf("/products/5", "rf_shopper=" + shopper + "; rf_visit=" + visit)).as("same visit drains on new")
			.isEqualTo("new");
		assertThat(sideOf("/products/5", "rf_shopper=" + shopper)).as("a new visit follows the percent").isEqualTo("legacy");

		ProxyHttp.flip(proxy(), "catalog", "LEGACY", null, false);
		assertThat(sideOf("/products/5", "rf_shopper=" + shopper + "; rf_visit=" + visit)).isEqualTo("legacy");
	}

	@Test
	void loweringNewToACanaryDrainsVisitsThatWereOnNew() {
		assertThat(ProxyHttp.flip(proxy(), "catalog", "NEW", null, true).statusCode()).isEqualTo(200);
		String shopper = UUID.randomUUID().toString();
		var first = ProxyHttp.get(proxy(), "/products/5", "Cookie", "rf_shopper=" + shopper);
		assertThat(first.headers().firstValue("X-Served-By")).hasValue("new");
		String visit = ProxyHttp.cookie(first, "rf_visit");

		assertThat(ProxyHttp.flip(proxy(), "catalog", "CANARY", "0", false).statusCode()).isEqualTo(200);
		assertThat(sideOf("/products/5", "rf_shopper=" + shopper + "; rf_visit=" + visit)).as("the visit finishes on new")
			.isEqualTo("new");
		assertThat(sideOf("/products/5", "rf_shopper=" + shopper)).as("a new visit follows the percent").isEqualTo("legacy");
	}

	@Test
	void aLaterCanaryNeverInheritsPinsFromAnEarlierOne() {
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "100", true);
		String shopper = UUID.randomUUID().toString();
		var first = ProxyHttp.get(proxy(), "/products/6", "Cookie", "rf_shopper=" + shopper);
		assertThat(first.headers().firstValue("X-Served-By")).hasValue("new");
		String visit = ProxyHttp.cookie(first, "rf_visit");
		ProxyHttp.flip(proxy(), "catalog", "LEGACY", null, false);
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "0", false);
		assertThat(sideOf("/products/6", "rf_shopper=" + shopper + "; rf_visit=" + visit)).isEqualTo("legacy");
	}

	@Test
	void aForgedVisitCookieIsIgnored() {
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "0", false);
		String forged = java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString("me|catalog".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		var response = ProxyHttp.get(proxy(), "/products/1", "Cookie", "rf_visit=" + forged);
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
		String genuine = ProxyHttp.cookie(ProxyHttp.get(proxy(), "/products/1"), "rf_visit");
		String tampered = (genuine.charAt(0) == 'A' ? "B" : "A") + genuine.substring(1);
		assertThat(sideOf("/products/1", "rf_visit=" + tampered)).isEqualTo("legacy");
	}

	@Test
	void staticAssetsNeverSetCookies() {
		var asset = ProxyHttp.get(proxy(), "/assets/style.css");
		assertThat(asset.statusCode()).isEqualTo(200);
		assertThat(asset.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void signingInDuringAVisitNeverMovesTheShopper() {
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "50", false);
		for (int i = 0; i < 20; i++) {
			String shopper = UUID.randomUUID().toString();
			var first = ProxyHttp.get(proxy(), "/products/2", "Cookie", "rf_shopper=" + shopper);
			String side = first.headers().firstValue("X-Served-By").orElseThrow();
			String visit = ProxyHttp.cookie(first, "rf_visit");
			String signedIn = "rf_shopper=" + shopper + "; rf_visit=" + visit + "; test_customer=" + (1000 + i);
			assertThat(sideOf("/products/2", signedIn)).isEqualTo(side);
		}
	}

	@Test
	void aVisitThatStartsSignedInIsBucketedByCustomerId() {
		ProxyHttp.flip(proxy(), "catalog", "CANARY", "50", false);
		for (int customer = 1; customer <= 20; customer++) {
			String expected = assignment("catalog", String.valueOf(customer)).get("side").asString();
			assertThat(sideOf("/products/2", "test_customer=" + customer + "; rf_shopper=" + UUID.randomUUID()))
				.isEqualTo(expected);
		}
	}

	@Test
	void theFirstVisitMintsALongLivedShopperCookie() {
		var response = ProxyHttp.get(proxy(), "/");
		assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("rf_shopper=")
			.contains("Max-Age=").contains("HttpOnly"));
	}

	String sideOf(String path, String cookies) {
		return ProxyHttp.get(proxy(), path, "Cookie", cookies).headers().firstValue("X-Served-By").orElseThrow();
	}

	JsonNode assignment(String route, String shopper) {
		var response = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/" + route + "/assignment?shopper=" + shopper, null,
				"admin", "admin-secret");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}
}
