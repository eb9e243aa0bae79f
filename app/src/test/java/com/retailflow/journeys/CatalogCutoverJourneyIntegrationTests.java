package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The seam, end to end: the catalog backfilled from the real legacy shop, a shopper with a legacy cart, the catalog
 * route flipped to NEW and back — same cart, same CSRF token, same prices, whichever side answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.backfill-on-start=true", "retailflow.proxy.shadow.timeout=10s" })
class CatalogCutoverJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Pattern CART = Pattern.compile("class=\"cart-count\">(\\d+)<");

	ShopperBrowser browser;

	@Test
	void aShopperKeepsCartAndTokenAcrossFlipsInBothDirections() throws Exception {
		browser = new ShopperBrowser(port);
		awaitBackfill();

		var legacyPage = get("/product.php?id=1");
		assertThat(legacyPage.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(legacyPage.body()).contains("Café Crème Espresso Beans 1 kg").contains("$14.99");
		assertThat(post("/cart.php", "action=add&product_id=1&qty=2&csrf=" + csrf(legacyPage.body())).statusCode())
			.isEqualTo(302);

		flip("NEW", true);
		var redirect = get("/product.php?id=1");
		assertThat(redirect.statusCode()).isEqualTo(301);
		assertThat(redirect.headers().firstValue("Location")).hasValue("/products/1");
		var newPage = get("/products/1");
		assertThat(newPage.headers().firstValue("X-Served-By")).hasValue("new");
		assertThat(newPage.body()).contains("Café Crème Espresso Beans 1 kg").contains("$14.99");
		assertThat(cartCount(newPage.body())).as("legacy cart shown by the new page").isEqualTo(2);
		assertThat(csrf(newPage.body())).as("same session token").isEqualTo(csrf(legacyPage.body()));

		// The new page's add-to-cart form posts to legacy's cart, which accepts its token.
		assertThat(post("/cart.php", "action=add&product_id=1&qty=1&csrf=" + csrf(newPage.body())).statusCode())
			.isEqualTo(302);
		assertThat(cartCount(get("/products/1").body())).isEqualTo(3);

		flip("LEGACY", false);
		var backOnLegacy = get("/products/1");
		assertThat(backOnLegacy.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(cartCount(backOnLegacy.body())).isEqualTo(3);
	}

	void awaitBackfill() throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			var api = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/products/1"))
				.header("Accept", "application/json")
				.build());
			if (api.statusCode() == 200) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("catalog was not backfilled from legacy");
	}

	void flip(String mode, boolean force) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/admin/api/routes/catalog"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"mode\":\"" + mode + "\",\"reason\":\"journey test\",\"force\":" + force + "}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	HttpResponse<String> get(String path) throws Exception {
		return browser.get(path);
	}

	HttpResponse<String> post(String path, String form) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	static String csrf(String html) {
		return ShopperBrowser.csrf(html);
	}

	static int cartCount(String html) {
		var matcher = CART.matcher(html);
		assertThat(matcher.find()).as("cart count in header").isTrue();
		return Integer.parseInt(matcher.group(1));
	}
}
