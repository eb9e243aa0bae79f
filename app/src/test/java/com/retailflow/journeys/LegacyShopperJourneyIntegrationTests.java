package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A shopper's whole journey through the app on its first start (every route LEGACY), against the real
 * legacy PHP shop: browse, search, add to cart, register, sign out and in, check out, see the order.
 */
// Closed after the class: its change stream and write-backs must not run beside the next contexts on the same legacy shop.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyShopperJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	@Test
	void browseSearchBuyAndSeeTheOrderThroughTheProxy() throws Exception {
		var browser = new ShopperBrowser(port);
		var home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(home.body()).contains("RetailFlow Shop").doesNotContain("Warning", "Notice", "Fatal");

		assertThat(browser.get("/category.php?id=1").body()).contains("product.php?id=");
		assertThat(browser.get("/search.php?q=Espresso").body()).contains("Café Crème Espresso Beans");

		var product = browser.get("/product.php?id=1");
		assertThat(product.body()).contains("Café Crème Espresso Beans").contains("In stock");
		var added = browser.post("/cart.php", Map.of("action", "add", "product_id", "1", "qty", "2", "csrf", ShopperBrowser.csrf(product.body())));
		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(added.headers().firstValue("Location")).hasValue(browser.base() + "/cart.php");
		assertThat(browser.get("/cart.php").body()).contains("Café Crème Espresso Beans");

		String email = "journey-" + UUID.randomUUID() + "@example.com";
		var registerPage = browser.get("/register.php");
		var registered = browser.post("/register.php", Map.of("email", email, "password", "journey123", "name", "Journey Tester",
				"next", "", "csrf", ShopperBrowser.csrf(registerPage.body())));
		assertThat(registered.statusCode()).isEqualTo(302);
		var signedOut = browser.get("/logout.php");
		assertThat(signedOut.statusCode()).isEqualTo(302);
		var loginPage = browser.get("/login.php");
		var signedIn = browser.post("/login.php",
				Map.of("email", email, "password", "journey123", "next", "", "csrf", ShopperBrowser.csrf(loginPage.body())));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().allValues("Set-Cookie").size()).as("session + remember_email + last_login")
			.isGreaterThanOrEqualTo(3);

		// The cart is keyed by session id: after the sign-in regenerated it, add the item again.
		var productAgain = browser.get("/product.php?id=1");
		browser.post("/cart.php", Map.of("action", "add", "product_id", "1", "qty", "1", "csrf", ShopperBrowser.csrf(productAgain.body())));
		var checkoutPage = browser.get("/checkout.php");
		assertThat(checkoutPage.statusCode()).isEqualTo(200);
		var ordered = browser.post("/checkout.php",
				Map.of("ship_name", "Journey Tester", "ship_address", "1 Test Street", "ship_city", "Testville",
						"ship_zip", "12345", "card_number", "4242424242424242", "card_expiry", "12/30", "card_cvc", "123",
						"csrf", ShopperBrowser.csrf(checkoutPage.body())));
		assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(302);
		String orderUrl = ordered.headers().firstValue("Location").orElseThrow();
		assertThat(orderUrl).startsWith(browser.base() + "/order.php?id=");
		String orderId = orderUrl.substring(orderUrl.indexOf("id=") + 3);

		assertThat(browser.get("/order.php?id=" + orderId).body()).contains("Café Crème Espresso Beans");
		assertThat(browser.get("/account.php").body()).contains("order.php?id=" + orderId);
	}
}
