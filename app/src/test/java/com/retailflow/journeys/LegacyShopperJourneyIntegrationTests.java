package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shopper's whole journey through the app on its first start (every route LEGACY), against the real
 * legacy PHP shop: browse, search, add to cart, register, sign out and in, check out, see the order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyShopperJourneyIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(200);
	static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
		registry.add("retailflow.legacy.datasource.url", LEGACY.database()::jdbcUrl);
		registry.add("retailflow.legacy.datasource.username", LEGACY.database()::username);
		registry.add("retailflow.legacy.datasource.password", LEGACY.database()::password);
	}

	@LocalServerPort
	int port;

	final HttpClient browser = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void browseSearchBuyAndSeeTheOrderThroughTheProxy() throws Exception {
		var home = get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.headers().firstValue("X-Served-By")).hasValue("legacy");
		assertThat(home.body()).contains("RetailFlow Shop").doesNotContain("Warning", "Notice", "Fatal");

		assertThat(get("/category.php?id=1").body()).contains("product.php?id=");
		assertThat(get("/search.php?q=Espresso").body()).contains("Café Crème Espresso Beans");

		var product = get("/product.php?id=1");
		assertThat(product.body()).contains("Café Crème Espresso Beans").contains("In stock");
		var added = post("/cart.php", Map.of("action", "add", "product_id", "1", "qty", "2", "csrf", csrf(product.body())));
		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(added.headers().firstValue("Location")).hasValue(base() + "/cart.php");
		assertThat(get("/cart.php").body()).contains("Café Crème Espresso Beans");

		String email = "journey-" + UUID.randomUUID() + "@example.com";
		var registerPage = get("/register.php");
		var registered = post("/register.php", Map.of("email", email, "password", "journey123", "name", "Journey Tester",
				"next", "", "csrf", csrf(registerPage.body())));
		assertThat(registered.statusCode()).isEqualTo(302);
		var signedOut = get("/logout.php");
		assertThat(signedOut.statusCode()).isEqualTo(302);
		var loginPage = get("/login.php");
		var signedIn = post("/login.php",
				Map.of("email", email, "password", "journey123", "next", "", "csrf", csrf(loginPage.body())));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().allValues("Set-Cookie").size()).as("session + remember_email + last_login")
			.isGreaterThanOrEqualTo(3);

		// The cart is keyed by session id: after the sign-in regenerated it, add the item again.
		var productAgain = get("/product.php?id=1");
		post("/cart.php", Map.of("action", "add", "product_id", "1", "qty", "1", "csrf", csrf(productAgain.body())));
		var checkoutPage = get("/checkout.php");
		assertThat(checkoutPage.statusCode()).isEqualTo(200);
		var ordered = post("/checkout.php",
				Map.of("ship_name", "Journey Tester", "ship_address", "1 Test Street", "ship_city", "Testville",
						"ship_zip", "12345", "card_number", "4242424242424242", "card_expiry", "12/30", "card_cvc", "123",
						"csrf", csrf(checkoutPage.body())));
		assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(302);
		String orderUrl = ordered.headers().firstValue("Location").orElseThrow();
		assertThat(orderUrl).startsWith(base() + "/order.php?id=");
		String orderId = orderUrl.substring(orderUrl.indexOf("id=") + 3);

		assertThat(get("/order.php?id=" + orderId).body()).contains("Café Crème Espresso Beans");
		assertThat(get("/account.php").body()).contains("order.php?id=" + orderId);
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	HttpResponse<String> get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
		String body = new LinkedHashMap<>(form).entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return browser.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String csrf(String html) {
		var matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("csrf token in page").isTrue();
		return matcher.group(1);
	}
}
