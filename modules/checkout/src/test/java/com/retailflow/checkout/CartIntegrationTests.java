package com.retailflow.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.kernel.Money;
import com.retailflow.platform.testing.Browser;

/** The cart over real HTTP on a real PostgreSQL: API and pages, anonymous and signed in, merge at sign-in. */
@CheckoutHttpTest
class CartIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	Shelf shelf;

	@BeforeEach
	void shelf() {
		shelf = new Shelf(catalog, inventory);
	}

	@Test
	void anAnonymousShopperFillsACartThroughTheApiPricedFromTheCatalog() {
		var shopper = new Browser(port);
		Product coffee = shelf.product("12.50", 10);
		Product tea = shelf.product("3.99", 10);

		assertThat(shopper.get("/api/v1/cart").body()).contains("\"lines\":[]").contains("\"total\":\"0.00\"");
		var added = shopper.postJson("/api/v1/cart/lines", "{\"productId\":" + coffee.id() + ",\"quantity\":2}");
		assertThat(added.statusCode()).isEqualTo(200);
		shopper.postJson("/api/v1/cart/lines", "{\"productId\":" + tea.id() + ",\"quantity\":1}");
		shopper.postJson("/api/v1/cart/lines", "{\"productId\":" + coffee.id() + ",\"quantity\":1}");

		var cart = shopper.get("/api/v1/cart").body();
		assertThat(cart).contains("\"productId\":" + coffee.id() + ",").contains("\"quantity\":3")
			.contains("\"lineTotal\":\"37.50\"").contains("\"total\":\"41.49\"").contains("\"itemCount\":4");
		assertThat(shopper.cookie("RFCART")).isPresent();

		// a price change shows at the next read, never the price at the time of adding
		catalog.changePrice(coffee.id(), Money.of("13.00", "USD"));
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"total\":\"42.99\"");

		assertThat(shopper.putJson("/api/v1/cart/lines/" + tea.id(), "{\"quantity\":5}").body())
			.contains("\"total\":\"58.95\"");
		assertThat(shopper.delete("/api/v1/cart/lines/" + coffee.id()).body()).contains("\"total\":\"19.95\"")
			.doesNotContain("\"productId\":" + coffee.id() + ",");
		assertThat(shopper.putJson("/api/v1/cart/lines/" + tea.id(), "{\"quantity\":0}").body())
			.contains("\"lines\":[]");

		// nothing is reserved for a cart that is never checked out
		assertThat(shelf.available(coffee)).isEqualTo(10);
		assertThat(shelf.available(tea)).isEqualTo(10);
	}

	@Test
	void aLineIsCappedAtTheLegacyLimitAndTwoShoppersNeverSeeEachOthersCarts() {
		var one = new Browser(port);
		var other = new Browser(port);
		Product product = shelf.product("1.00", 500);
		one.postJson("/api/v1/cart/lines", "{\"productId\":" + product.id() + ",\"quantity\":60}");
		one.postJson("/api/v1/cart/lines", "{\"productId\":" + product.id() + ",\"quantity\":60}");
		assertThat(one.get("/api/v1/cart").body()).contains("\"quantity\":99");
		assertThat(other.get("/api/v1/cart").body()).contains("\"lines\":[]");
	}

	@Test
	void badInputGetsAProblemAndChangesNothing() {
		var shopper = new Browser(port);
		Product product = shelf.product("2.00", 10);
		Product hidden = shelf.product("2.00", 10, ProductStatus.HIDDEN);
		Product discontinued = shelf.product("2.00", 10, ProductStatus.DISCONTINUED);
		Product soldOut = shelf.product("2.00", 0);
		shopper.postJson("/api/v1/cart/lines", "{\"productId\":" + product.id() + ",\"quantity\":1}");
		String before = shopper.get("/api/v1/cart").body();

		Map<String, Integer> bodies = Map.ofEntries(
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":-1}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":0}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":100}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":99999999999999999999}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":1.5}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":\"2\"}", 400),
				Map.entry("{\"productId\":" + product.id() + "}", 400),
				Map.entry("{\"productId\":\"abc\",\"quantity\":1}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":1,\"price\":\"0.01\"}", 400),
				Map.entry("{\"productId\":" + product.id() + ",\"quantity\":1", 400),
				Map.entry("[1,2]", 400), Map.entry("null", 400), Map.entry("", 400),
				Map.entry("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400),
				Map.entry("{\"productId\":999999999999,\"quantity\":1}", 404),
				Map.entry("{\"productId\":-4,\"quantity\":1}", 404),
				Map.entry("{\"productId\":" + hidden.id() + ",\"quantity\":1}", 404),
				Map.entry("{\"productId\":" + discontinued.id() + ",\"quantity\":1}", 409),
				Map.entry("{\"productId\":" + soldOut.id() + ",\"quantity\":1}", 409));
		bodies.forEach((body, status) -> {
			var response = shopper.postJson("/api/v1/cart/lines", body);
			assertThat(response.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
		});
		assertThat(shopper.json("POST", "/api/v1/cart/lines", "text/plain",
				"{\"productId\":" + product.id() + ",\"quantity\":1}").statusCode()).isEqualTo(415);
		assertThat(shopper.putJson("/api/v1/cart/lines/abc", "{\"quantity\":1}").statusCode()).isEqualTo(400);
		assertThat(shopper.putJson("/api/v1/cart/lines/" + hidden.id(), "{\"quantity\":1}").statusCode()).isEqualTo(404);
		assertThat(shopper.putJson("/api/v1/cart/lines/" + product.id(), "{\"quantity\":-3}").statusCode()).isEqualTo(400);
		assertThat(shopper.get("/api/v1/cart").body()).isEqualTo(before);
	}

	@Test
	void aChangeWithoutTheCsrfTokenIsRefused() {
		var shopper = new Browser(port);
		Product product = shelf.product("2.00", 10);
		var response = shopper.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/cart/lines"))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"productId\":" + product.id() + ",\"quantity\":1}")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"lines\":[]");
	}

	@Test
	void theCartPageShowsAndEditsTheCartInTheStorefrontLook() {
		var shopper = new Browser(port);
		Product product = shelf.product("4.25", 10);
		Product other = shelf.product("1.75", 10);
		var empty = shopper.get("/cart");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).contains("id=\"site-header\"").contains("Your cart is empty");

		var added = shopper.post("/cart", Map.of("action", "add", "product_id", product.id().toString(), "qty", "2"));
		assertThat(added.statusCode()).isEqualTo(302);
		shopper.post("/cart", Map.of("action", "add", "product_id", other.id().toString(), "qty", "1"));
		var page = shopper.get("/cart?notice=added").body();
		assertThat(page).contains("was added").contains("class=\"num cart-subtotal\">$10.25<");

		shopper.post("/cart", Map.of("action", "update", "qty[" + product.id() + "]", "3", "qty[" + other.id() + "]", "0"));
		assertThat(shopper.get("/cart").body()).contains("cart-subtotal\">$12.75<").doesNotContain("Product " + other.id());

		// bad forms: a readable page, nothing changed (one bad line in an update refuses the whole update)
		String before = shopper.get("/api/v1/cart").body();
		shopper.get("/cart");
		assertThat(shopper.post("/cart", Map.of("action", "add", "product_id", product.id().toString(), "qty", "abc"))
			.statusCode()).isEqualTo(400);
		shopper.get("/cart");
		assertThat(shopper.post("/cart", Map.of("action", "update", "qty[" + product.id() + "]", "5", "qty[" + other.id() + "]", "1"))
			.statusCode()).isEqualTo(404);
		shopper.get("/cart");
		var tooMany = shopper.post("/cart", Map.of("action", "update", "qty[" + product.id() + "]", "100"));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("id=\"site-header\"").contains("Bad request");
		shopper.get("/cart");
		assertThat(shopper.post("/cart", Map.of("action", "explode")).statusCode()).isEqualTo(400);
		assertThat(shopper.post("/cart", Map.of("csrf", "forged", "action", "remove", "product_id", product.id().toString()))
			.statusCode()).isEqualTo(400);
		assertThat(shopper.get("/api/v1/cart").body()).isEqualTo(before);

		shopper.get("/cart");
		shopper.post("/cart", Map.of("action", "remove", "product_id", product.id().toString()));
		assertThat(shopper.get("/cart").body()).contains("Your cart is empty");
	}

	@Test
	void atSignInTheAnonymousCartMergesIntoTheAccountsByAddingQuantities() {
		String email = "merge-" + System.nanoTime() + "@example.com";
		Product kept = shelf.product("1.00", 200);
		Product both = shelf.product("2.00", 200);
		Product brought = shelf.product("3.00", 200);

		// the account's cart from an earlier visit
		var earlier = new Browser(port);
		earlier.register(email);
		earlier.postJson("/api/v1/cart/lines", "{\"productId\":" + kept.id() + ",\"quantity\":1}");
		earlier.postJson("/api/v1/cart/lines", "{\"productId\":" + both.id() + ",\"quantity\":90}");

		// today: anonymous first, on the legacy session cookie the proxy gives every visitor
		var today = new Browser(port);
		today.setCookie("PHPSESSID", "merge" + System.nanoTime());
		today.postJson("/api/v1/cart/lines", "{\"productId\":" + both.id() + ",\"quantity\":20}");
		today.postJson("/api/v1/cart/lines", "{\"productId\":" + brought.id() + ",\"quantity\":2}");
		var signIn = today.postJson("/api/v1/auth/sign-in", "{\"email\":\"" + email + "\",\"password\":\"secret-password\"}");
		assertThat(signIn.statusCode()).isEqualTo(200);

		String merged = today.get("/api/v1/cart").body();
		assertThat(merged).contains("\"productId\":" + kept.id() + ",").contains("\"productId\":" + brought.id() + ",")
			.contains("\"itemCount\":102"); // 1 + min(90 + 20, 99) + 2
		// merged once: reading again, or from the other device, finds the same cart
		assertThat(today.get("/api/v1/cart").body()).contains("\"itemCount\":102");
		assertThat(earlier.get("/api/v1/cart").body()).contains("\"itemCount\":102");
	}
}
