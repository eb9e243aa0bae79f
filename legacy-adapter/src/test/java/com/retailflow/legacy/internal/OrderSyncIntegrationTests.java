package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;
import com.retailflow.kernel.Money;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.reconciliation.Reconciliation;
import com.retailflow.legacy.internal.writeback.LegacyOrderWriteBack;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.OrderStatus;
import com.retailflow.orders.PlaceOrder;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.proxy.Mode;
import com.retailflow.proxy.RouteManagement;

/**
 * Orders between the real legacy shop and the orders module: legacy's orders come in through the sync engine
 * (backfill, the change stream, reconciliation) as the orders table mapping, and orders placed on the new side are
 * written back into legacy's {@code orders}/{@code order_items}, once, without coming back as changes, so legacy's own
 * account and order pages show them.
 */
// Closed after the class: its stream and pools must not keep running (and holding connections) beside later tests.
@DirtiesContext
@SpringBootTest(properties = { "retailflow.legacy.sync.enabled=true", "retailflow.legacy.sync.poll-interval=50ms",
		"retailflow.proxy.routes[0].id=orders", "retailflow.proxy.routes[0].module=orders",
		"retailflow.proxy.routes[0].legacy-patterns=/account.php", "retailflow.proxy.routes[0].new-patterns=/account/orders" })
class OrderSyncIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(45);
	static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
	static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY.database());
	}

	@Autowired
	Backfill backfill;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	OrderManagement orders;

	@Autowired
	IdentityManagement identity;

	@Autowired
	LegacyOrderWriteBack writeBack;

	@Autowired
	LegacyDatabase legacy;

	@Autowired
	RouteManagement routes;

	@Autowired
	JdbcClient postgres;

	@BeforeEach
	void backfilled() {
		flip(Mode.LEGACY);
		backfill.run();
	}

	@Test
	void theBackfillBringsEveryLegacyOrderWithItsItemsAndExactMoney() {
		long legacyOrders = count("SELECT COUNT(*) FROM orders");
		assertThat(orders.legacyOrders(null, null)).hasSize((int) legacyOrders);

		long first = count("SELECT MIN(id) FROM orders");
		var imported = orders.find(orders.idOfLegacyOrder(first).orElseThrow()).orElseThrow();
		var items = legacy.jdbc()
			.sql("SELECT name, qty, CAST(ROUND(unit_price, 2) AS CHAR) FROM order_items WHERE order_id = ? ORDER BY id")
			.param(first)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3))
			.list();
		assertThat(imported.lines().stream().map(l -> l.name() + "|" + l.quantity() + "|" + l.unitPrice().amount()))
			.containsExactlyElementsOf(items);
		assertThat(imported.total().amount()).isEqualByComparingTo(legacy.jdbc()
			.sql("SELECT CAST(ROUND(total, 2) AS CHAR) FROM orders WHERE id = ?").param(first).query(String.class).single());
		assertThat(imported.legacyOrderId()).isEqualTo(first);

		// the demo customer's history shows its three legacy orders, newest first
		var demo = demoShopper();
		var history = orders.historyOf(demo);
		assertThat(history).hasSize(3);
		assertThat(history).extracting(OrderDetails::placedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));

		// a second backfill and a reconciliation find nothing new
		backfill.run();
		assertThat(orders.legacyOrders(null, null)).hasSize((int) legacyOrders);
		assertThat(reconciliation.reconcile("orders", "test").inSync()).isTrue();
	}

	@Test
	void aLegacyCheckoutAndALegacyStatusChangeComeThroughTheStream() throws Exception {
		long legacyId = checkOutOnLegacy();
		await().atMost(Duration.ofSeconds(20)).until(() -> orders.idOfLegacyOrder(legacyId).isPresent());
		var order = orders.find(orders.idOfLegacyOrder(legacyId).orElseThrow()).orElseThrow();
		assertThat(order.status()).isEqualTo(OrderStatus.PAID);
		assertThat(order.lines()).singleElement().satisfies(line -> {
			assertThat(line.productId()).isEqualTo("4");
			assertThat(line.sku()).isEqualTo("SKU-000004");
			assertThat(line.quantity()).isEqualTo(2);
		});

		try (Connection sql = legacySession()) {
			sql.createStatement().executeUpdate("UPDATE orders SET status = 2 WHERE id = " + legacyId);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> orders.find(order.id()).orElseThrow().status() == OrderStatus.SHIPPED);
	}

	@Test
	void anOrderPlacedHereIsWrittenBackOnceWithoutEchoAndShowsOnLegacysPages() throws Exception {
		var demo = demoShopper();
		long changesBefore = count("SELECT COALESCE(MAX(id), 0) FROM rf_change");
		var line = new OrderLine("4", "SKU-000004", "Written Back Mug", Money.of("12.34", "USD"), 3);
		var placed = orders.place(new PlaceOrder(OrderId.random(), demo, "demo@example.com", List.of(line),
				Money.of("37.02", "USD")));

		await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(placed.id()).orElseThrow().legacyOrderId() != null);
		long legacyId = orders.find(placed.id()).orElseThrow().legacyOrderId();
		assertThat(legacy.jdbc().sql("SELECT CONCAT(customer_id, '|', status, '|', ROUND(total, 2)) FROM orders WHERE id = ?")
			.param(legacyId).query(String.class).single()).isEqualTo("1|0|37.02");
		assertThat(legacy.jdbc().sql("SELECT CONCAT(product_id, '|', qty, '|', ROUND(unit_price, 2), '|', name) FROM order_items WHERE order_id = ?")
			.param(legacyId).query(String.class).list()).containsExactly("4|3|12.34|Written Back Mug");

		// delivered again (a redelivered event, a retry after a crash): still one legacy order
		writeBack.order(placed.id());
		writeBack.order(placed.id());
		assertThat(count("SELECT COUNT(*) FROM order_items WHERE name = 'Written Back Mug'")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM rf_order_link WHERE legacy_order_id = " + legacyId)).isEqualTo(1);

		// status changes follow
		orders.markPaid(placed.id(), "pay-write-back");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT status FROM orders WHERE id = " + legacyId) == 1);

		// no echo: capture skipped every write-back, and the sync does not take the row for a legacy order
		assertThat(count("SELECT COALESCE(MAX(id), 0) FROM rf_change")).isEqualTo(changesBefore);
		backfill.run();
		assertThat(orders.legacyOrders(legacyId, legacyId + 1)).singleElement()
			.satisfies(row -> assertThat(row.legacyCustomerId()).isEqualTo(1));
		assertThat(reconciliation.reconcile("orders", "test").inSync()).isTrue();
		assertThat(orders.historyOf(demo)).filteredOn(order -> legacyId == (order.legacyOrderId() == null ? -1
				: order.legacyOrderId())).hasSize(1);

		// a change to that row on legacy (someone edits it there) does not override the new side, which owns it
		try (Connection sql = legacySession()) {
			sql.createStatement().executeUpdate("UPDATE orders SET status = 9 WHERE id = " + legacyId);
		}
		long change = count("SELECT MAX(id) FROM rf_change");
		assertThat(change).isGreaterThan(changesBefore);
		await().atMost(Duration.ofSeconds(20)).until(() -> postgres.sql(
				"SELECT position FROM legacy_sync.change_checkpoint WHERE stream = 'legacy'").query(Long.class).single() >= change);
		assertThat(orders.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
		assertThat(orders.historyOf(demo)).filteredOn(order -> legacyId == (order.legacyOrderId() == null ? -1
				: order.legacyOrderId())).hasSize(1);
		try (Connection sql = legacySession()) {
			sql.createStatement().executeUpdate("UPDATE orders SET status = 1 WHERE id = " + legacyId);
		}

		// legacy's own pages show it to the customer
		String session = signInOnLegacy();
		assertThat(get("/account.php", session).body()).contains("order.php?id=" + legacyId);
		var page = get("/order.php?id=" + legacyId, session);
		assertThat(page.body()).contains("Written Back Mug").contains("$37.02").contains("Paid");
	}

	@Test
	void aLegacyOrderShippedHereIsWrittenBackOnlyOnceTheOrdersRouteIsNew() throws Exception {
		var demo = demoShopper();
		long legacyId = checkOutOnLegacy();
		await().atMost(Duration.ofSeconds(20)).until(() -> orders.idOfLegacyOrder(legacyId).isPresent());
		var id = orders.idOfLegacyOrder(legacyId).orElseThrow();

		orders.ship(id);
		Thread.sleep(1_000);
		assertThat(count("SELECT status FROM orders WHERE id = " + legacyId)).as("legacy owns it").isEqualTo(1);

		flip(Mode.NEW);
		orders.deliver(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT status FROM orders WHERE id = " + legacyId) == 3);
		assertThat(orders.historyOf(demo)).extracting(OrderDetails::id).contains(id);
	}

	private void flip(Mode mode) {
		routes.change("orders", new RouteManagement.RouteChange(mode, null, "order sync test", true), "test");
	}

	/** The demo customer (legacy id 1) as the customers sync brings it. */
	private AccountId demoShopper() {
		identity.importLegacyCustomer(new LegacyCustomer(1, "demo@example.com", "Demo Shopper",
				legacy.jdbc().sql("SELECT password FROM customers WHERE id = 1").query(String.class).single(),
				Instant.parse("2018-01-01T00:00:00Z")));
		return identity.findByEmail("demo@example.com").orElseThrow().id();
	}

	/** The demo customer buys two of product 4 through legacy's own checkout page; returns legacy's order id. */
	private long checkOutOnLegacy() throws Exception {
		String session = signInOnLegacy();
		var product = get("/product.php?id=4", session);
		post("/cart.php", session, "action=add&product_id=4&qty=2&csrf=" + csrf(product.body()));
		var checkout = get("/checkout.php", session);
		var ordered = post("/checkout.php", session,
				"ship_name=Sync+Tester&ship_address=1+Stream+Lane&ship_city=Testville&ship_zip=12345"
						+ "&card_number=4242424242424242&card_expiry=12%2F30&card_cvc=123&csrf=" + csrf(checkout.body()));
		assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(302);
		String location = ordered.headers().firstValue("Location").orElseThrow();
		return Long.parseLong(location.substring(location.indexOf("id=") + 3));
	}

	private String signInOnLegacy() throws Exception {
		var login = get("/login.php", null);
		String session = cookie(login, "PHPSESSID");
		var signedIn = post("/login.php", session,
				"email=demo%40example.com&password=demo1234&next=&csrf=" + csrf(login.body()));
		return cookie(signedIn, "PHPSESSID");
	}

	private static HttpResponse<String> get(String path, String session) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(LEGACY.url() + path));
		if (session != null) {
			builder.header("Cookie", "PHPSESSID=" + session);
		}
		return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String session, String form) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(LEGACY.url() + path))
			.header("Cookie", "PHPSESSID=" + session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(name + "="))
			.map(c -> c.substring(name.length() + 1, c.indexOf(';')))
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers().map()));
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as(html).isTrue();
		return matcher.group(1);
	}

	private long count(String sql) {
		return legacy.jdbc().sql(sql).query(Long.class).single();
	}

	private static Connection legacySession() throws Exception {
		return DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password());
	}
}
