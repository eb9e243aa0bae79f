package com.retailflow.journeys;

import static com.retailflow.journeys.IdentityJourneys.ADMIN;
import static com.retailflow.journeys.IdentityJourneys.signInOnLegacy;
import static com.retailflow.journeys.IdentityJourneys.signedInOnNew;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;

/**
 * The cart follows the shopper across flips of the checkout route, over real HTTP through the proxy in front of the
 * real legacy shop (ADR 0057): a cart filled on legacy is there on the new pages after a flip to NEW and becomes an
 * order there that legacy's order page shows; a cart filled on the new pages is there on legacy after a flip back;
 * and at CANARY 50 % a shopper of either bucket keeps one cart through flips either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=true")
class CartFlipJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	@Autowired
	OrderManagement orders;

	@BeforeEach
	void productsAreOnTheNewSide() throws Exception {
		// the new cart prices lines from the catalog, which has legacy's products once the backfill copied them
		awaitBackfillComplete();
		// the journeys start on legacy's pages, whatever an earlier test in this shared context left behind
		flip("catalog", "LEGACY", 0);
		flip("identity", "LEGACY", 0);
		flip("checkout", "LEGACY", 0);
	}

	@AfterEach
	void backToLegacy() throws Exception {
		flip("checkout", "LEGACY", 0);
	}

	@Test
	void aCartFilledOnLegacyIsThereAfterTheFlipAndItsOrderShowsOnLegacysOrderPage() throws Exception {
		var shopper = new ShopperBrowser(port);
		signInOnLegacy(shopper, "demo@example.com", "demo1234");
		addFromProductPage(shopper, 7, 2);

		flip("checkout", "NEW", 0);
		var legacyUrl = shopper.get("/cart.php");
		assertThat(legacyUrl.statusCode()).isEqualTo(301);
		assertThat(legacyUrl.headers().firstValue("Location")).hasValue("/cart");
		assertThat(cartOnNew(shopper)).isEqualTo(Map.of(7L, 2));

		assertThat(signedInOnNew(shopper)).isEqualTo("demo@example.com");
		var form = shopper.get("/checkout");
		assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
		assertThat(form.headers().firstValue("X-Served-By")).hasValue("new");
		var page = Jsoup.parse(form.body());
		var placed = shopper.post("/checkout", Map.of("csrf", value(page, "csrf"), "checkout_token",
				value(page, "checkout_token"), "expected_total", value(page, "expected_total"), "ship_name",
				"Demo Shopper", "ship_address", "1 Flip Street", "ship_city", "Springfield", "ship_zip", "12345",
				"card_number", "4242424242424242"));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		var orderId = new OrderId(UUID.fromString(Jsoup.parse(placed.body()).select(".order-id").text()));

		// the order came from the legacy session's cart, which is empty now on both sides
		assertThat(cartOnNew(shopper)).isEmpty();
		long legacyId = writtenBack(orderId);
		var legacyOrder = shopper.get("/order.php?id=" + legacyId);
		assertThat(legacyOrder.statusCode()).as(legacyOrder.body()).isEqualTo(200);
		assertThat(legacyOrder.headers().firstValue("X-Served-By")).hasValue("legacy");
		var item = orders.find(orderId).orElseThrow().lines().getFirst();
		var shown = Jsoup.parse(legacyOrder.body());
		assertThat(shown.text()).contains(item.name());
		// the address the shopper typed on the new checkout page, kept on the order and written back with it
		assertThat(shown.select("address.ship-address").text()).contains("Demo Shopper", "1 Flip Street", "12345",
				"Springfield");

		flip("checkout", "LEGACY", 0);
		assertThat(cartOnLegacy(shopper)).isEmpty();
	}

	@Test
	void aCartFilledOnTheNewPagesIsThereOnLegacyAfterTheFlipBack() throws Exception {
		flip("checkout", "NEW", 0);
		var shopper = new ShopperBrowser(port);
		addFromProductPage(shopper, 8, 3);
		assertThat(cartOnNew(shopper)).isEqualTo(Map.of(8L, 3));
		addOnNew(shopper, 9, 1);
		assertThat(cartOnNew(shopper)).isEqualTo(Map.of(8L, 3, 9L, 1));

		flip("checkout", "LEGACY", 0);
		assertThat(cartOnLegacy(shopper)).isEqualTo(Map.of(8L, 3, 9L, 1));
		// and a change on legacy is seen on the new side after the next flip
		var cart = Jsoup.parse(shopper.get("/cart.php").body());
		var removed = shopper.post("/cart.php", Map.of("action", "remove", "product_id", "9", "csrf", value(cart, "csrf")));
		assertThat(removed.statusCode()).isEqualTo(302);
		flip("checkout", "NEW", 0);
		assertThat(cartOnNew(shopper)).isEqualTo(Map.of(8L, 3));
	}

	@Test
	void atCanaryFiftyPercentShoppersOfBothBucketsKeepTheirCartsThroughFlipsEitherWay() throws Exception {
		List<ShopperBrowser> onLegacy = new ArrayList<>();
		List<ShopperBrowser> onNew = new ArrayList<>();
		List<ShopperBrowser> shoppers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			var shopper = new ShopperBrowser(port);
			addFromProductPage(shopper, 3, 1);
			shoppers.add(shopper);
		}
		flip("checkout", "CANARY", 50);
		for (var shopper : shoppers) {
			// a shopper of the new bucket gets the new cart page for legacy's URL (or a redirect to it)
			var cart = shopper.get("/cart.php");
			if (cart.statusCode() == 301 || cart.headers().firstValue("X-Served-By").orElseThrow().equals("new")) {
				assertThat(cartOnNew(shopper)).isEqualTo(Map.of(3L, 1));
				addOnNew(shopper, 4, 2);
				onNew.add(shopper);
			}
			else {
				assertThat(cart.headers().firstValue("X-Served-By")).hasValue("legacy");
				assertThat(cartOnLegacy(shopper)).isEqualTo(Map.of(3L, 1));
				addFromProductPage(shopper, 4, 2);
				onLegacy.add(shopper);
			}
		}
		assertThat(onLegacy).as("shoppers in the legacy bucket").isNotEmpty();
		assertThat(onNew).as("shoppers in the new bucket").isNotEmpty();

		flip("checkout", "NEW", 0);
		for (var shopper : shoppers) {
			assertThat(cartOnNew(shopper)).isEqualTo(Map.of(3L, 1, 4L, 2));
		}
		flip("checkout", "LEGACY", 0);
		for (var shopper : shoppers) {
			assertThat(cartOnLegacy(shopper)).isEqualTo(Map.of(3L, 1, 4L, 2));
		}
	}

	/**
	 * Adds with the add-to-cart form of legacy's product page, which posts the PHP session's token to {@code /cart.php}
	 * (the checkout route decides which side takes it).
	 */
	private static void addFromProductPage(ShopperBrowser shopper, long product, int quantity) throws Exception {
		var page = shopper.get("/product.php?id=" + product);
		assertThat(page.statusCode()).as(page.headers().map() + page.body()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("legacy");
		var added = shopper.post("/cart.php", Map.of("action", "add", "product_id", String.valueOf(product), "qty",
				String.valueOf(quantity), "csrf", ShopperBrowser.csrf(page.body())));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
	}

	/** Adds with the new cart page's form and its token (the cart must have a line, or the page has no form). */
	private static void addOnNew(ShopperBrowser shopper, long product, int quantity) throws Exception {
		var page = shopper.get("/cart");
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("new");
		var added = shopper.post("/cart", Map.of("action", "add", "product_id", String.valueOf(product), "qty",
				String.valueOf(quantity), "csrf", value(Jsoup.parse(page.body()), "csrf")));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
		assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/cart?notice=added");
	}

	private static Map<Long, Integer> cartOnNew(ShopperBrowser shopper) throws Exception {
		var page = shopper.get("/cart");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("new");
		return lines(Jsoup.parse(page.body()));
	}

	private static Map<Long, Integer> cartOnLegacy(ShopperBrowser shopper) throws Exception {
		var page = shopper.get("/cart.php");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("legacy");
		return lines(Jsoup.parse(page.body()));
	}

	/** The cart's lines as either side's cart page shows them: the {@code qty[ID]} inputs of the update form. */
	private static Map<Long, Integer> lines(Document page) {
		Map<Long, Integer> lines = new java.util.LinkedHashMap<>();
		for (var input : page.select("input[name]")) {
			String name = input.attr("name");
			if (!name.startsWith("qty[")) {
				continue;
			}
			lines.put(Long.parseLong(name.substring(4, name.length() - 1)), Integer.parseInt(input.attr("value")));
		}
		return lines;
	}

	private static String value(Document page, String field) {
		var input = page.selectFirst("input[name=" + field + "]");
		assertThat(input).as("field " + field).isNotNull();
		return input.attr("value");
	}

	/** The legacy order number the order got when the write-back copied it into legacy's {@code orders}. */
	private long writtenBack(OrderId order) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Long legacyId = orders.find(order).orElseThrow().legacyOrderId();
			if (legacyId != null) {
				return legacyId;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The order was not written back to legacy within 30 s");
	}

	private void flip(String route, String mode, int percent) throws Exception {
		var browser = new ShopperBrowser(port);
		HttpResponse<String> response = browser.send(HttpRequest
			.newBuilder(URI.create(browser.base() + "/admin/api/routes/" + route))
			.header("Authorization", ADMIN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"percent\":" + percent
					+ ",\"reason\":\"journey test\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
