package com.retailflow.checkout.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Product;
import com.retailflow.checkout.CheckoutHttpTest;
import com.retailflow.checkout.Shelf;
import com.retailflow.checkout.internal.payment.PaymentGateway;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.kernel.Money;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.OrderStatus;
import com.retailflow.platform.testing.Browser;

/**
 * The recovery job settles what a lost payment answer or a crash left open (ADR 0048, 0049): no order stays PLACED
 * with its stock held, none is charged twice.
 */
@CheckoutHttpTest
class CheckoutRecoveryIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	OrderManagement orders;

	@Autowired
	CheckoutRecovery recovery;

	@Autowired
	PaymentGateway payments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTimeoutBeforeTheChargeLeavesTheOrderPlacedUntilRecoveryFindsNoChargeAndCancelsIt() {
		var shelf = new Shelf(catalog, inventory);
		Product product = shelf.product("6.00", 3);
		var shopper = shopperWith(product);
		var response = shopper.postJson("/api/v1/checkout", body("4000000000000119", "6.00"), "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(response.body()).contains("\"status\":\"PLACED\"").contains("PAYMENT_PENDING");
		OrderId orderId = orderIdIn(response.body());
		assertThat(shelf.available(product)).isEqualTo(2);

		recovery.recover();

		assertThat(orders.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(shelf.available(product)).isEqualTo(3));
		assertThat(ledger(orderId)).isEqualTo("VOIDED RELEASED");
		assertThat(recovery.recover()).isZero();
	}

	@Test
	void aChargeWhoseAnswerNeverArrivedMakesTheOrderPaidOnceRecoveryLooksItUp() {
		var shelf = new Shelf(catalog, inventory);
		Product product = shelf.product("8.00", 3);
		var shopper = shopperWith(product);
		var response = shopper.postJson("/api/v1/checkout", body("4000000000000119", "8.00"), "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(response.statusCode()).isEqualTo(202);
		OrderId orderId = orderIdIn(response.body());
		// the provider did charge after all (its answer was lost, or the app died right after the charge)
		payments.authorize(orderId.toString(), Money.of("8.00", "USD"), "4242424242424242");

		recovery.recover();

		assertThat(orders.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(ledger(orderId)).isEqualTo("AUTHORIZED CONFIRMED"));
		assertThat(shelf.available(product)).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM checkout.simulated_charges WHERE idempotency_key = ?")
			.param(orderId.toString()).query(Long.class).single()).isEqualTo(1);
		assertThat(shopper.get("/api/v1/cart").body()).contains("\"lines\":[]");
	}

	private Browser shopperWith(Product product) {
		var shopper = new Browser(port);
		shopper.register("recovery-" + UUID.randomUUID() + "@example.com");
		shopper.postJson("/api/v1/cart/lines", "{\"productId\":" + product.id() + ",\"quantity\":1}");
		return shopper;
	}

	private String ledger(OrderId order) {
		return jdbc.sql("SELECT payment || ' ' || stock FROM checkout.checkouts WHERE order_id = ?")
			.param(order.value())
			.query(String.class)
			.single();
	}

	private static String body(String card, String expectedTotal) {
		return "{\"shipName\":\"Ada\",\"shipAddress\":\"1 Main St\",\"shipCity\":\"Springfield\",\"shipZip\":\"12345\","
				+ "\"cardNumber\":\"" + card + "\",\"expectedTotal\":\"" + expectedTotal + "\"}";
	}

	private static OrderId orderIdIn(String json) {
		var matcher = java.util.regex.Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"").matcher(json);
		assertThat(matcher.find()).isTrue();
		return new OrderId(UUID.fromString(matcher.group(1)));
	}
}
