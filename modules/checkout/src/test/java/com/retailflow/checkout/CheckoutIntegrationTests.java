package com.retailflow.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.OrderStatus;
import com.retailflow.platform.testing.Browser;

/** Checkout over real HTTP on a real PostgreSQL: idempotency, stock, exact money, payment outcomes, pages. */
@CheckoutHttpTest
class CheckoutIntegrationTests {

	static final String APPROVE = "4242 4242 4242 4242";
	static final String DECLINE = "4000000000000002";
	static final String TIMEOUT_BEFORE_CHARGE = "4000000000000119";
	static final String TIMEOUT_AFTER_CHARGE = "4000000000000259";

	@LocalServerPort
	int port;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcClient jdbc;

	Shelf shelf;

	@BeforeEach
	void shelf() {
		shelf = new Shelf(catalog, inventory);
	}

	Browser signedInShopper() {
		var shopper = new Browser(port);
		shopper.register("shopper-" + UUID.randomUUID() + "@example.com");
		return shopper;
	}

	static void add(Browser shopper, Product product, int quantity) {
		var response = shopper.postJson("/api/v1/cart/lines",
				"{\"productId\":" + product.id() + ",\"quantity\":" + quantity + "}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static String body(String card, String expectedTotal) {
		return "{\"shipName\":\"Ada\",\"shipAddress\":\"1 Main St\",\"shipCity\":\"Springfield\",\"shipZip\":\"12345\","
				+ "\"cardNumber\":\"" + card + "\",\"expectedTotal\":\"" + expectedTotal + "\"}";
	}

	static HttpResponse<String> checkout(Browser shopper, String key, String body) {
		return shopper.postJson("/api/v1/checkout", body, "Idempotency-Key", key);
	}

	static OrderId orderIdIn(String json) {
		Matcher id = Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"").matcher(json);
		assertThat(id.find()).as(json).isTrue();
		return new OrderId(UUID.fromString(id.group(1)));
	}

	long chargesFor(OrderId order) {
		return jdbc.sql("SELECT count(*) FROM checkout.simulated_charges WHERE idempotency_key = ?")
			.param(order.toString())
			.query(Long.class)
			.single();
	}

	String ledger(OrderId order) {
		return jdbc.sql("SELECT payment || ' ' || stock FROM checkout.checkouts WHERE order_id = ?")
			.param(order.value())
			.query(String.class)
			.single();
	}

	String chargeStatus(OrderId order) {
		return jdbc.sql("SELECT status FROM checkout.simulated_charges WHERE idempotency_key = ?")
			.param(order.toString())
			.query(String.class)
			.optional()
			.orElse("none");
	}

	/** Listeners run after the commit on their own threads. */
	static void eventually(ThrowingRunnable assertion) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(assertion);
	}

	@Test
	void aPaidCheckoutReservesAndConfirmsTheStockEmptiesTheCartAndReplaysForTheSameKey() {
		var shopper = signedInShopper();
		Product coffee = shelf.product("0.10", 10);
		Product tea = shelf.product("0.20", 10);
		add(shopper, coffee, 1);
		add(shopper, tea, 1);
		String key = UUID.randomUUID().toString();

		// exact money: 0.10 + 0.20 is 0.30, which binary floating point would get wrong
		var first = checkout(shopper, key, body(APPROVE, "0.30"));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(first.body()).contains("\"status\":\"PAID\"").contains("\"total\":\"0.30\"");
		OrderId orderId = orderIdIn(first.body());
		assertThat(orders.find(orderId)).hasValueSatisfying(order -> {
			assertThat(order.status()).isEqualTo(OrderStatus.PAID);
			assertThat(order.total()).isEqualTo(Money.of("0.30", "USD"));
		});
		assertThat(shelf.available(coffee)).isEqualTo(9);
		assertThat(shelf.available(tea)).isEqualTo(9);
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"lines\":[]");
		assertThat(chargeStatus(orderId)).isEqualTo("AUTHORIZED");
		eventually(() -> assertThat(ledger(orderId)).isEqualTo("AUTHORIZED CONFIRMED"));

		// the same key and body: the first answer again, status included, nothing placed or charged again
		var again = checkout(shopper, key, body(APPROVE, "0.30"));
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		// the same request spelled differently (field order, spaces in the card number) is the same request
		var respelled = checkout(shopper, key, "{\"expectedTotal\":\"0.30\",\"cardNumber\":\"4242424242424242\","
				+ "\"shipZip\":\"12345\",\"shipCity\":\"Springfield\",\"shipAddress\":\"1 Main St\",\"shipName\":\"Ada\"}");
		assertThat(respelled.statusCode()).isEqualTo(201);
		// another payload under the key: 422
		var other = checkout(shopper, key, body(APPROVE, "0.40"));
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.body()).contains("idempotency-key-reused");
		assertThat(shelf.available(coffee)).isEqualTo(9);
		assertThat(chargesFor(orderId)).isEqualTo(1);

		// shipping captures the authorization
		orders.ship(orderId);
		eventually(() -> assertThat(chargeStatus(orderId)).isEqualTo("CAPTURED"));
	}

	@Test
	void cancellingAPaidOrderBeforeItShipsPutsItsUnitsBackOnSaleOnceAndVoidsThePayment() {
		var shopper = signedInShopper();
		Product kettle = shelf.product("25.00", 5);
		add(shopper, kettle, 2);
		var placed = checkout(shopper, UUID.randomUUID().toString(), body(APPROVE, "50.00"));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		OrderId orderId = orderIdIn(placed.body());
		eventually(() -> assertThat(ledger(orderId)).isEqualTo("AUTHORIZED CONFIRMED"));
		assertThat(shelf.available(kettle)).isEqualTo(3);

		orders.cancel(orderId, "shopper changed their mind");
		eventually(() -> assertThat(ledger(orderId)).isEqualTo("VOIDED RESTOCKED"));
		assertThat(shelf.available(kettle)).isEqualTo(5);
		assertThat(chargeStatus(orderId)).isEqualTo("VOIDED");

		// a second cancellation (a retried admin call) changes nothing, and the units are not counted twice
		orders.cancel(orderId, "again");
		assertThat(shelf.available(kettle)).isEqualTo(5);
		var reservations = jdbc.sql("SELECT status FROM inventory.reservation WHERE sku = ?")
			.param(kettle.sku().code())
			.query(String.class)
			.list();
		assertThat(reservations).containsExactly("RESTOCKED");
	}

	@Test
	void fiveConcurrentRequestsWithOneKeyPlaceExactlyOneOrder() throws Exception {
		var shopper = signedInShopper();
		Product product = shelf.product("5.00", 50);
		add(shopper, product, 2);
		String key = UUID.randomUUID().toString();
		List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			requests.add(() -> checkout(shopper, key, body(APPROVE, "10.00")));
		}
		List<Integer> statuses = new ArrayList<>();
		try (var pool = Executors.newFixedThreadPool(5)) {
			for (var future : pool.invokeAll(requests)) {
				statuses.add(future.get().statusCode());
			}
		}
		assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 409);
		long placed = jdbc.sql("SELECT count(*) FROM checkout.idempotency_keys WHERE idempotency_key = ?")
			.param(key)
			.query(Long.class)
			.single();
		assertThat(placed).isEqualTo(1);
		assertThat(shelf.available(product)).isEqualTo(48);
		var replay = checkout(shopper, key, body(APPROVE, "10.00"));
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(orders.find(orderIdIn(replay.body()))).isPresent();
	}

	@Test
	void idempotencyKeysFollowTheDraft() {
		var shopper = signedInShopper();
		Product product = shelf.product("1.00", 10);
		add(shopper, product, 1);
		String body = body(APPROVE, "1.00");

		var missing = shopper.postJson("/api/v1/checkout", body);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("idempotency-key-required");
		assertThat(checkout(shopper, "", body).statusCode()).isEqualTo(400);
		assertThat(checkout(shopper, "\"\"", body).statusCode()).isEqualTo(400);
		assertThat(checkout(shopper, "k".repeat(256), body).statusCode()).isEqualTo(400);
		assertThat(rawCheckout(shopper, "bad\u0001key".getBytes(StandardCharsets.ISO_8859_1), body)).isEqualTo(400);
		assertThat(rawCheckout(shopper, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), body)).isEqualTo(400);
		assertThat(rawCheckout(shopper, "caf\u00e9".getBytes(StandardCharsets.UTF_8), body)).isEqualTo(400);
		assertThat(shelf.available(product)).isEqualTo(10);
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"quantity\":1");

		// 255 characters, and the draft's quoted form, are keys
		assertThat(checkout(shopper, "k".repeat(255), body).statusCode()).isEqualTo(201);
		add(shopper, product, 1);
		assertThat(checkout(shopper, "\"" + UUID.randomUUID() + "\"", body).statusCode()).isEqualTo(201);
	}

	@Test
	void aChangedPriceIsShownBeforePayingAndNothingIsReserved() {
		var shopper = signedInShopper();
		Product product = shelf.product("10.00", 10);
		add(shopper, product, 1);
		catalog.changePrice(product.id(), Money.of("12.00", "USD"));

		var stale = checkout(shopper, UUID.randomUUID().toString(), body(APPROVE, "10.00"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("cart-changed").contains("\"total\":\"12.00\"");
		assertThat(shelf.available(product)).isEqualTo(10);

		assertThat(checkout(shopper, UUID.randomUUID().toString(), body(APPROVE, "12.00")).statusCode()).isEqualTo(201);
	}

	@Test
	void badCheckoutInputGetsA4xxAndChangesNothing() {
		var shopper = signedInShopper();
		Product product = shelf.product("3.00", 10);
		add(shopper, product, 1);
		List<String> bodies = List.of("", "{", "[]", "null", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
				body("1234", "3.00"), body(APPROVE, "3.001"), body(APPROVE, "-3.00"),
				body(APPROVE, "3.00").replace("\"3.00\"", "3.00"), body(APPROVE, "3.00").replace("\"Ada\"", "\"\""),
				body(APPROVE, "3.00").replace("\"Ada\"", "42"), body(APPROVE, "3.00").replace("{", "{\"extra\":1,"),
				body(APPROVE, "3.00").replace("\"Ada\"", "\"" + "A".repeat(101) + "\""));
		for (String body : bodies) {
			var response = checkout(shopper, UUID.randomUUID().toString(), body);
			assertThat(response.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(shopper.json("POST", "/api/v1/checkout", "application/x-www-form-urlencoded", "a=b",
				"Idempotency-Key", UUID.randomUUID().toString()).statusCode()).isEqualTo(415);
		assertThat(shelf.available(product)).isEqualTo(10);
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"quantity\":1");

		// anonymous: 401, nothing placed
		var anonymous = new Browser(port);
		add(anonymous, product, 1);
		assertThat(checkout(anonymous, UUID.randomUUID().toString(), body(APPROVE, "3.00")).statusCode()).isEqualTo(401);
		// an empty cart: 409
		var empty = signedInShopper();
		assertThat(checkout(empty, UUID.randomUUID().toString(), body(APPROVE, "0.00")).statusCode()).isEqualTo(409);
		assertThat(shelf.available(product)).isEqualTo(10);
	}

	@Test
	void whenStockRunsOutTheCheckoutIsRefusedAndNothingIsHeld() {
		var first = signedInShopper();
		var second = signedInShopper();
		Product last = shelf.product("7.00", 1);
		add(first, last, 1);
		add(second, last, 1);
		assertThat(checkout(first, UUID.randomUUID().toString(), body(APPROVE, "7.00")).statusCode()).isEqualTo(201);
		var late = checkout(second, UUID.randomUUID().toString(), body(APPROVE, "7.00"));
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(shelf.available(last)).isEqualTo(0);
		assertThat(second.get("/api/v1/cart").body()).contains("\"quantity\":1");
	}

	@Test
	void aDeclinedCardCancelsTheOrderReleasesTheStockAndKeepsTheCart() {
		var shopper = signedInShopper();
		Product product = shelf.product("9.99", 5);
		add(shopper, product, 2);
		var declined = checkout(shopper, UUID.randomUUID().toString(), body(DECLINE, "19.98"));
		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);
		assertThat(declined.body()).contains("payment-declined").contains("\"status\":\"CANCELLED\"");
		OrderId orderId = orderIdIn(declined.body());
		assertThat(orders.find(orderId)).hasValueSatisfying(order -> assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED));
		eventually(() -> assertThat(shelf.available(product)).isEqualTo(5));
		assertThat(chargesFor(orderId)).isZero();
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"quantity\":2");
	}

	@Test
	void aTimeoutAfterTheChargeIsResolvedByLookingTheChargeUpNeverChargingTwice() {
		var shopper = signedInShopper();
		Product product = shelf.product("4.00", 5);
		add(shopper, product, 1);
		String key = UUID.randomUUID().toString();
		var response = checkout(shopper, key, body(TIMEOUT_AFTER_CHARGE, "4.00"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		OrderId orderId = orderIdIn(response.body());
		assertThat(chargesFor(orderId)).isEqualTo(1);
		assertThat(shelf.available(product)).isEqualTo(4);
		assertThat(checkout(shopper, key, body(TIMEOUT_AFTER_CHARGE, "4.00")).statusCode()).isEqualTo(201);
		assertThat(chargesFor(orderId)).isEqualTo(1);
	}

	@Test
	void theCheckoutPagePlacesOneOrderPerFormToken() {
		var shopper = signedInShopper();
		Product product = shelf.product("2.50", 10);
		add(shopper, product, 2);
		var page = shopper.get("/checkout");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"site-header\"").contains("checkout-total\">$5.00<");
		Matcher token = Pattern.compile("name=\"checkout_token\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(token.find()).isTrue();
		Map<String, String> form = Map.of("checkout_token", token.group(1), "expected_total", "5.00", "ship_name", "Ada",
				"ship_address", "1 Main St", "ship_city", "Springfield", "ship_zip", "12345", "card_number", APPROVE);

		var placed = shopper.post("/checkout", form);
		assertThat(placed.statusCode()).isEqualTo(201);
		assertThat(placed.body()).contains("Thank you for your order");
		var twice = shopper.post("/checkout", form); // a double click, or a reload of the post
		assertThat(twice.statusCode()).isEqualTo(201);
		assertThat(shelf.available(product)).isEqualTo(8);

		// a declined card shows the form again with the reason, and the stock is back
		add(shopper, product, 1);
		shopper.get("/checkout");
		var declined = shopper.post("/checkout", Map.of("checkout_token", UUID.randomUUID().toString(), "expected_total",
				"2.50", "ship_name", "Ada", "ship_address", "1 Main St", "ship_city", "Springfield", "ship_zip", "12345",
				"card_number", DECLINE));
		assertThat(declined.statusCode()).isEqualTo(402);
		assertThat(declined.body()).contains("Your card was declined");
		eventually(() -> assertThat(shelf.available(product)).isEqualTo(8));

		// bad form input: a readable page, nothing placed
		shopper.get("/checkout");
		assertThat(shopper.post("/checkout", Map.of("expected_total", "2.50")).statusCode()).isEqualTo(400);
		shopper.get("/checkout");
		assertThat(shopper.post("/checkout", Map.of("checkout_token", UUID.randomUUID().toString(), "expected_total",
				"abc", "card_number", APPROVE)).statusCode()).isEqualTo(422);
		assertThat(shelf.available(product)).isEqualTo(8);

		// anonymous shoppers are sent to sign in
		var anonymous = new Browser(port);
		assertThat(anonymous.get("/checkout").statusCode()).isEqualTo(302);
	}

	/**
	 * A checkout with an Idempotency-Key whose raw bytes the JDK client would refuse to send (control, non-ASCII):
	 * written on a plain socket with the browser's cookies and a CSRF token. Returns the status code.
	 */
	private static int rawCheckout(Browser shopper, byte[] keyHeaderValue, String json) {
		String token = shopper.apiToken();
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", shopper.port())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Connection: close\r\nX-XSRF-TOKEN: " + token + "\r\nCookie: " + shopper.cookieHeader() + "\r\n"
					+ "Content-Length: " + body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.ISO_8859_1));
			out.write(keyHeaderValue);
			out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
			return Integer.parseInt(status.substring(9, 12));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
