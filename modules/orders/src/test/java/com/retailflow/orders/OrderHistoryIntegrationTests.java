package com.retailflow.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;
import com.retailflow.identity.Registration;
import com.retailflow.kernel.Money;
import com.retailflow.platform.testing.Browser;

/**
 * The shopper's order history over real HTTP: pages in legacy's markup inside the storefront layout, the JSON API,
 * orders imported from legacy next to new ones, and every other shopper's order answered like one that does not
 * exist (404, never 403).
 */
@OrdersHttpTest
class OrderHistoryIntegrationTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	IdentityManagement identity;

	@LocalServerPort
	int port;

	@Test
	void theHistoryPageListsTheShoppersOrdersNewestFirstInLegacysMarkup() {
		var alice = register("history.alice@example.com");
		var older = orders.place(order(alice, "12.50", 2, "6.25"));
		var newer = orders.place(shippedTo(order(alice, "1234.50", 1, "1234.50"),
				new ShippingAddress("Alice History", "1 Main St", "Springfield", "12345")));
		orders.markPaid(newer.id(), "pay-history");
		var shopper = new Browser(port).signIn("history.alice@example.com", "history-pass");

		var page = shopper.get("/account/orders");

		assertThat(page.statusCode()).isEqualTo(200);
		var html = Jsoup.parse(page.body());
		assertThat(html.select("header#site-header")).hasSize(1);
		assertThat(html.select("h1").text()).isEqualTo("Your account");
		assertThat(html.select("p.account-details").text()).startsWith("History Alice · history.alice@example.com");
		var rows = html.select("table.orders-table tbody tr");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).select("a").attr("href")).isEqualTo("/account/orders/" + newer.id());
		assertThat(rows.get(0).select(".order-status").text()).isEqualTo("Paid");
		assertThat(rows.get(0).select(".order-status").hasClass("status-1")).isTrue();
		assertThat(rows.get(0).select("td.num").last().text()).isEqualTo("$1,234.50");
		assertThat(rows.get(1).select(".order-status").text()).isEqualTo("New");
		assertThat(rows.get(1).select("td.num").first().text()).isEqualTo("2");

		var detail = Jsoup.parse(shopper.get("/account/orders/" + older.id()).body());
		assertThat(detail.select("h1").text()).isEqualTo("Order #" + older.id());
		assertThat(detail.select("table.order-items tbody td").eachText()).containsExactly("Mug", "$6.25", "2", "$12.50");
		assertThat(detail.select(".order-total").text()).isEqualTo("$12.50");
		assertThat(detail.select("address.ship-address")).isEmpty();
		// as legacy's order page shows it
		var shipped = Jsoup.parse(shopper.get("/account/orders/" + newer.id()).body());
		assertThat(shipped.select("address.ship-address").text()).isEqualTo("Alice History 1 Main St 12345 Springfield");
	}

	@Test
	void anotherShoppersOrderIsNotFoundOnThePageAndInTheApi() {
		var owner = register("owner@example.com");
		var theirs = orders.place(order(owner, "5.00", 1, "5.00"));
		register("snoop@example.com");
		var snoop = new Browser(port).signIn("snoop@example.com", "history-pass");

		var page = snoop.get("/account/orders/" + theirs.id());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(Jsoup.parse(page.body()).select(".error-page h1").text()).isEqualTo("Order not found");
		for (String id : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "99999", "0", "-1", "1e3")) {
			assertThat(snoop.get("/account/orders/" + id).statusCode()).as(id).isEqualTo(404);
		}

		var api = snoop.get("/api/v1/orders/" + theirs.id());
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(api.body()).contains("\"status\":404").doesNotContain(theirs.id().toString().substring(0, 8) + "\"");
		assertThat(snoop.get("/api/v1/orders/nonsense").statusCode()).isEqualTo(404);
		assertThat(snoop.get("/api/v1/orders").body()).isEqualTo("{\"orders\":[]}");
	}

	@Test
	void theApiListsAndShowsTheShoppersOwnOrdersWithExactAmounts() {
		var bob = register("api.bob@example.com");
		var placed = orders.place(order(bob, "0.30", 3, "0.10"));
		var shopper = new Browser(port).signIn("api.bob@example.com", "history-pass");

		var list = shopper.get("/api/v1/orders");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"id\":\"" + placed.id() + "\"").contains("\"status\":\"PLACED\"")
			.contains("\"total\":{\"amount\":\"0.30\",\"currency\":\"USD\"}");
		var one = shopper.get("/api/v1/orders/" + placed.id());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.body()).contains("\"unitPrice\":{\"amount\":\"0.10\",\"currency\":\"USD\"}")
			.contains("\"quantity\":3");
	}

	@Test
	void nobodySignedInIsSentToSignInOrToldSo() {
		var anonymous = new Browser(port);
		var page = anonymous.get("/account/orders");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
				to -> assertThat(to).endsWith("/sign-in?next=%2Faccount%2Forders"));
		assertThat(page.headers().allValues("Set-Cookie")).isEmpty();

		var api = anonymous.get("/api/v1/orders");
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(anonymous.get("/api/v1/orders/" + OrderId.random()).statusCode()).isEqualTo(401);
	}

	@Test
	void legacyOrdersOfTheLegacyCustomerAreInTheHistoryByTheirLegacyNumber() {
		identity.importLegacyCustomer(new LegacyCustomer(9101, "legacy.carol@example.com", "Legacy Carol",
				md5("carol-pass"), Instant.parse("2019-01-01T00:00:00Z")));
		var carol = identity.findByEmail("legacy.carol@example.com").orElseThrow().id();
		var line = new OrderLine("17", "SKU-17", "Old Mug", Money.of("9.99", "USD"), 2);
		assertThat(orders.importLegacyOrder(new LegacyOrder(55501, 9101, "legacy.carol@example.com",
				OrderStatus.DELIVERED, List.of(line), Money.of("19.98", "USD"), Instant.parse("2020-02-02T10:00:00Z"))))
			.isEqualTo(LegacyOrderImport.CREATED);
		var placedHere = orders.place(order(carol, "3.00", 1, "3.00"));
		var shopper = new Browser(port).signIn("legacy.carol@example.com", "carol-pass");

		var rows = Jsoup.parse(shopper.get("/account/orders").body()).select("table.orders-table tbody tr");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).select("a").attr("href")).isEqualTo("/account/orders/" + placedHere.id());
		assertThat(rows.get(1).select("a").text()).isEqualTo("#55501");
		assertThat(rows.get(1).select("a").attr("href")).isEqualTo("/account/orders/55501");
		assertThat(rows.get(1).select("td").get(1).text()).isEqualTo("2020-02-02 10:00:00");
		assertThat(rows.get(1).select(".order-status").text()).isEqualTo("Delivered");

		var detail = shopper.get("/account/orders/55501");
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(detail.body()).select(".order-total").text()).isEqualTo("$19.98");
		assertThat(shopper.get("/api/v1/orders").body()).contains("\"legacyOrderId\":55501");

		register("not.carol@example.com");
		assertThat(new Browser(port).signIn("not.carol@example.com", "history-pass").get("/account/orders/55501")
			.statusCode()).isEqualTo(404);
	}

	private AccountId register(String email) {
		String local = email.substring(0, email.indexOf('@'));
		String name = java.util.Arrays.stream(local.split("\\."))
			.map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
			.reduce((a, b) -> a + " " + b)
			.orElseThrow();
		return identity.register(new Registration(email, name, "history-pass")).id();
	}

	static PlaceOrder order(AccountId account, String total, int quantity, String unitPrice) {
		return new PlaceOrder(OrderId.random(), account, "shopper@example.com",
				List.of(new OrderLine("p-1", "SKU-1", "Mug", Money.of(unitPrice, "USD"), quantity)), Money.of(total, "USD"));
	}

	static PlaceOrder shippedTo(PlaceOrder order, ShippingAddress address) {
		return new PlaceOrder(order.orderId(), order.accountId(), order.shopperEmail(), order.lines(), order.total(), address);
	}

	static String md5(String text) {
		try {
			var digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
			return String.format("%032x", new BigInteger(1, digest));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
