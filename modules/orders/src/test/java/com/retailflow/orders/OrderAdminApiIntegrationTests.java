package com.retailflow.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.retailflow.identity.AccountId;
import com.retailflow.platform.testing.Browser;

/**
 * The admin API's answers over real HTTP: transitions, 409 problems for illegal moves (nothing changes), 404 for
 * unknown or malformed ids, 400 for an unreadable body. The ADMIN role itself is enforced by the platform's
 * {@code /admin/**} chains, which this module's test application does not contain; the app's
 * {@code OrderAdminJourneyIntegrationTests} proves it.
 */
@OrdersHttpTest
class OrderAdminApiIntegrationTests {

	@Autowired
	OrderManagement orders;

	@LocalServerPort
	int port;

	@Test
	void anAdminShipsDeliversAndCancelsWithProblemsForIllegalMoves() {
		var client = new Browser(port);
		var paid = orders.place(OrderHistoryIntegrationTests.order(AccountId.random(), "4.00", 2, "2.00")).id();
		orders.markPaid(paid, "pay-admin");

		var shipped = client.post("/admin/api/orders/" + paid + "/ship", "application/json", "");
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		assertThat(shipped.body()).contains("\"status\":\"SHIPPED\"");

		var cancelShipped = client.post("/admin/api/orders/" + paid + "/cancel", "application/json", "{\"reason\":\"x\"}");
		assertThat(cancelShipped.statusCode()).isEqualTo(409);
		assertThat(cancelShipped.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(cancelShipped.body()).contains("\"status\":409").contains("\"orderStatus\":\"SHIPPED\"");
		assertThat(orders.find(paid).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);

		assertThat(client.post("/admin/api/orders/" + paid + "/deliver", "application/json", "").body())
			.contains("\"status\":\"DELIVERED\"");

		var placed = orders.place(OrderHistoryIntegrationTests.order(AccountId.random(), "1.00", 1, "1.00")).id();
		assertThat(client.post("/admin/api/orders/" + placed + "/ship", "application/json", "").statusCode())
			.isEqualTo(409);
		var cancelled = client.post("/admin/api/orders/" + placed + "/cancel", "application/json",
				"{\"reason\":\"out of stock\"}");
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"cancelReason\":\"out of stock\"");
		var withoutBody = orders.place(OrderHistoryIntegrationTests.order(AccountId.random(), "1.00", 1, "1.00")).id();
		assertThat(client.post("/admin/api/orders/" + withoutBody + "/cancel", "application/json", "").body())
			.contains("\"cancelReason\":\"cancelled by an admin\"");
	}

	@Test
	void badIdsAndBodiesAreProblemsAndChangeNothing() {
		var client = new Browser(port);
		for (String id : List.of(OrderId.random().toString(), "nonsense", "1")) {
			var response = client.post("/admin/api/orders/" + id + "/ship", "application/json", "");
			assertThat(response.statusCode()).as(id).isEqualTo(404);
			assertThat(response.body()).contains("\"status\":404");
		}
		var placed = orders.place(OrderHistoryIntegrationTests.order(AccountId.random(), "1.00", 1, "1.00")).id();
		for (String body : List.of("{", "[1]", "{\"reason\":{\"deep\":[[[1]]]}}", "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
			var response = client.post("/admin/api/orders/" + placed + "/cancel", "application/json", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(client.post("/admin/api/orders/" + placed + "/cancel", "text/plain", "reason").statusCode())
			.isEqualTo(415);
		assertThat(orders.find(placed).orElseThrow().status()).isEqualTo(OrderStatus.PLACED);
	}
}
