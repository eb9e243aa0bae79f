package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;
import com.retailflow.kernel.Money;
import com.retailflow.orders.LegacyOrder;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.OrderStatus;
import com.retailflow.orders.PlaceOrder;

/**
 * The orders route in NEW through the proxy, in front of the real legacy shop: legacy's account and order URLs
 * answer with a 301 to the new pages, which show the signed-in shopper's legacy and new orders in the storefront
 * layout; and the admin API moves an order on only for the ADMIN role, with problem details for illegal moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=true")
class OrderJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final String ADMIN = "Basic "
			+ Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	IdentityManagement identity;

	@Autowired
	OrderManagement orders;

	@AfterEach
	void backToLegacy() throws Exception {
		flip("orders", "LEGACY");
		flip("identity", "LEGACY");
	}

	@Test
	void theDemoShopperSeesLegacyAndNewOrdersOnTheNewPagesThroughLegacysUrls() throws Exception {
		// Legacy orders placed by earlier tests on this shop are handed over at the flip: they need their copy first.
		awaitBackfillComplete();
		var demo = legacyDemoShopper();
		var legacyOrder = orders.importLegacyOrder(new LegacyOrder(770001, 1, "demo@example.com", OrderStatus.DELIVERED,
				List.of(new OrderLine("4", "SKU-000004", "Journey Beans", Money.of("7.50", "USD"), 2)),
				Money.of("15.00", "USD"), Instant.parse("2020-03-03T12:00:00Z")));
		assertThat(legacyOrder).isNotNull();
		var placed = orders.place(new PlaceOrder(OrderId.random(), demo, "demo@example.com",
				List.of(new OrderLine("5", "SKU-000005", "Journey Mug", Money.of("3.25", "USD"), 1)),
				Money.of("3.25", "USD")));
		flip("identity", "NEW");
		flip("orders", "NEW");
		var browser = new ShopperBrowser(port);
		var signInPage = browser.get("/sign-in?next=%2Faccount.php");
		var signedIn = browser.post("/sign-in", Map.of("csrf", csrf(signInPage.body()), "email",
				"demo@example.com", "password", "demo1234", "next", "/account.php"));
		assertThat(signedIn.statusCode()).isEqualTo(302);

		var legacyAccount = browser.get("/account.php");
		assertThat(legacyAccount.statusCode()).isEqualTo(301);
		assertThat(legacyAccount.headers().firstValue("Location")).hasValue("/account/orders");

		var history = browser.get("/account/orders");
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(history.headers().firstValue("X-Served-By")).hasValue("new");
		var page = Jsoup.parse(history.body());
		assertThat(page.select("header#site-header")).hasSize(1);
		// the new order is listed first, under its id or, once its write-back to legacy got one, its legacy number
		var newest = page.select("table.orders-table a").eachAttr("href");
		Long writtenBack = orders.find(placed.id()).orElseThrow().legacyOrderId();
		assertThat(newest.getFirst()).isIn("/account/orders/" + placed.id(), "/account/orders/" + writtenBack);
		assertThat(newest).contains("/account/orders/770001");

		var legacyOrderUrl = browser.get("/order.php?id=770001");
		assertThat(legacyOrderUrl.statusCode()).isEqualTo(301);
		assertThat(legacyOrderUrl.headers().firstValue("Location")).hasValue("/account/orders/770001");
		var detail = browser.get("/account/orders/770001");
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(detail.body()).select("table.order-items td").eachText()).contains("Journey Beans", "$15.00");

		// somebody else's order: the same 404 as one that does not exist
		var other = orders.place(new PlaceOrder(OrderId.random(), AccountId.random(), "other@example.com",
				List.of(new OrderLine("5", "SKU-000005", "Not Yours", Money.of("1.00", "USD"), 1)), Money.of("1.00", "USD")));
		assertThat(browser.get("/account/orders/" + other.id()).statusCode()).isEqualTo(404);
		var api = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/orders/" + other.id()))
			.header("Accept", "application/json").build());
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void onlyAnAdminShipsAndAnIllegalMoveIsAConflictProblem() throws Exception {
		var placed = orders.place(new PlaceOrder(OrderId.random(), AccountId.random(), "ship@example.com",
				List.of(new OrderLine("6", "SKU-000006", "Shipped Thing", Money.of("2.00", "USD"), 1)),
				Money.of("2.00", "USD")));

		var anonymous = adminCall(placed.id(), "ship", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		var wrongPassword = adminCall(placed.id(), "ship",
				"Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(orders.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.PLACED);

		var tooEarly = adminCall(placed.id(), "ship", ADMIN);
		assertThat(tooEarly.statusCode()).isEqualTo(409);
		assertThat(tooEarly.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(tooEarly.body()).contains("PLACED");

		orders.markPaid(placed.id(), "journey-payment");
		var shipped = adminCall(placed.id(), "ship", ADMIN);
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		assertThat(shipped.body()).contains("\"status\":\"SHIPPED\"");
		assertThat(adminCall(placed.id(), "deliver", ADMIN).body()).contains("\"status\":\"DELIVERED\"");
		assertThat(adminCall(placed.id(), "cancel", ADMIN).statusCode()).isEqualTo(409);
		assertThat(adminCall(OrderId.random(), "ship", ADMIN).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> adminCall(OrderId id, String action, String authorization)
			throws Exception {
		// an API client: its own credentials on every call and no cookies kept (a console session would need CSRF)
		var client = new ShopperBrowser(port);
		var request = HttpRequest.newBuilder(URI.create(client.base() + "/admin/api/orders/" + id + "/" + action))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build());
	}

	private static String csrf(String html) {
		var matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("csrf token in page").isTrue();
		return matcher.group(1);
	}

	/** Legacy's demo customer, brought in as the customers sync brings it. */
	private AccountId legacyDemoShopper() throws Exception {
		var db = LEGACY.database();
		try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				var row = connection.createStatement()
					.executeQuery("SELECT id, email, name, password FROM customers WHERE email = 'demo@example.com'")) {
			assertThat(row.next()).isTrue();
			identity.importLegacyCustomer(new LegacyCustomer(row.getLong(1), row.getString(2), row.getString(3),
					row.getString(4), Instant.parse("2018-01-01T00:00:00Z")));
		}
		return identity.findByEmail("demo@example.com").orElseThrow().id();
	}

	private void flip(String route, String mode) throws Exception {
		var browser = new ShopperBrowser(port);
		HttpResponse<String> response = browser.send(HttpRequest
			.newBuilder(URI.create(browser.base() + "/admin/api/routes/" + route))
			.header("Authorization", ADMIN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"reason\":\"journey test\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}
}
