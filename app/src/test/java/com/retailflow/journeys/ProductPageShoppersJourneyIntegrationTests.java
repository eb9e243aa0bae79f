package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The kept product page (one rendering per product, the shopper's parts filled per request) against the real legacy
 * shop and its sessions: signed-in shoppers and an anonymous one load the same new product pages at the same time,
 * and each always sees their own name and cart, never another's; a cart change made on a legacy page shows on the
 * next new page, and so does its one-shot message, once, although the shopper's header is kept between changes
 * (ADR 0059); a sign-out on a legacy page shows on the next new page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.backfill-on-start=true" })
class ProductPageShoppersJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Pattern CART = Pattern.compile("class=\"cart-count\">(\\d+)<");
	static final Pattern HELLO = Pattern.compile("<li class=\"hello\">Hi, ([^<]*)</li>");

	record Shopper(ShopperBrowser browser, @Nullable String name, int cart) {
	}

	@Test
	void everyShopperSeesOnlyTheirOwnHeaderUnderConcurrencyAndTheNextPageAfterALegacyCartChange() throws Exception {
		var admin = new ShopperBrowser(port);
		awaitBackfill(admin);
		flipCatalogToNew(admin);

		List<Shopper> shoppers = List.of(signedIn("Ann O'Neil", 1, 2), signedIn("Ben <b>", 2, 5),
				new Shopper(new ShopperBrowser(port), null, 0));
		assertThat(shoppers.get(2).browser().get("/products/3").statusCode()).isEqualTo(200);

		var failures = new ConcurrentLinkedQueue<String>();
		try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
			List<Future<?>> runs = new ArrayList<>();
			for (int thread = 0; thread < 12; thread++) {
				Shopper shopper = shoppers.get(thread % shoppers.size());
				runs.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						long id = ThreadLocalRandom.current().nextLong(1, 6);
						var page = shopper.browser().get("/products/" + id);
						String problem = checkHeader(page, shopper);
						if (problem != null) {
							failures.add("/products/" + id + ": " + problem);
						}
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		assertThat(failures).isEmpty();

		// A cart change on a legacy page (cart.php stays legacy): the next new page shows it, with its message once.
		var ann = shoppers.get(0);
		var before = ann.browser().get("/products/4");
		assertThat(cartCount(before.body())).isEqualTo(2);
		var added = ann.browser()
			.post("/cart.php", Map.of("action", "add", "product_id", "4", "qty", "3", "csrf",
					ShopperBrowser.csrf(before.body())));
		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(added.headers().firstValue("X-Served-By")).hasValue("legacy");
		var next = ann.browser().get("/products/4");
		assertThat(cartCount(next.body())).isEqualTo(5);
		assertThat(next.body()).contains("<div class=\"flash flash-success\">");
		var after = ann.browser().get("/products/4");
		assertThat(cartCount(after.body())).isEqualTo(5);
		assertThat(after.body()).doesNotContain("class=\"flash");
		assertThat(checkHeader(shoppers.get(1).browser().get("/products/4"), shoppers.get(1))).isNull();

		// Signed out on a legacy page (a plain GET link): the next new page is anonymous, whatever was kept for her.
		var signedOut = ann.browser().get("/logout.php");
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().allValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("rf_pcv="));
		var anonymous = ann.browser().get("/products/4");
		assertThat(checkHeader(anonymous, new Shopper(ann.browser(), null, 0))).isNull();
		assertThat(checkHeader(shoppers.get(1).browser().get("/products/4"), shoppers.get(1))).isNull();
	}

	/** A shopper who registered on legacy and put {@code qty} of product {@code productId} in the cart. */
	Shopper signedIn(String name, long productId, int qty) throws Exception {
		var browser = new ShopperBrowser(port);
		var form = browser.get("/register.php");
		var registered = browser.post("/register.php", Map.of("email", "pages-" + UUID.randomUUID() + "@example.com",
				"password", "pages-secret-1", "name", name, "next", "", "csrf", ShopperBrowser.csrf(form.body())));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
		var page = browser.get("/products/" + productId);
		var added = browser.post("/cart.php", Map.of("action", "add", "product_id", String.valueOf(productId), "qty",
				String.valueOf(qty), "csrf", ShopperBrowser.csrf(page.body())));
		assertThat(added.statusCode()).isEqualTo(302);
		browser.get("/cart.php"); // takes the "added" message, as a browser following the redirect would
		return new Shopper(browser, name, qty);
	}

	/** Null if the page is a new product page showing exactly this shopper's header, else what is wrong. */
	static @Nullable String checkHeader(HttpResponse<String> page, Shopper shopper) {
		if (page.statusCode() != 200 || !page.headers().firstValue("X-Served-By").orElse("").equals("new")) {
			return "status " + page.statusCode() + " from " + page.headers().firstValue("X-Served-By");
		}
		var hello = HELLO.matcher(page.body());
		String shown = hello.find() ? hello.group(1) : null;
		String expected = shopper.name() == null ? null
				: shopper.name().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		if (shopper.name() == null ? shown != null || !page.body().contains("href=\"/login.php\">Sign in")
				: !expected.equals(shown)) {
			return "shows " + shown + " to " + shopper.name();
		}
		int cart = cartCount(page.body());
		return cart == shopper.cart() ? null : "cart " + cart + " shown to " + shopper.name() + " (" + shopper.cart() + ")";
	}

	static int cartCount(String html) {
		var matcher = CART.matcher(html);
		assertThat(matcher.find()).as("cart count in page").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	static void awaitBackfill(ShopperBrowser browser) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			var api = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/products/10"))
				.header("Accept", "application/json")
				.build());
			if (api.statusCode() == 200) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("catalog was not backfilled from legacy");
	}

	static void flipCatalogToNew(ShopperBrowser browser) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/admin/api/routes/catalog"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"NEW\",\"reason\":\"journey test\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
