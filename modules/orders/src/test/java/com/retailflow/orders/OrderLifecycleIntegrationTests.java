package com.retailflow.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.AccountId;
import com.retailflow.kernel.Money;

/**
 * The order lifecycle through {@link OrderManagement} on real PostgreSQL: idempotent placing, exact money, the
 * transitions and the moves they refuse, and the events stored in the publication registry in the same transaction.
 */
@OrdersHttpTest
class OrderLifecycleIntegrationTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderEventsListener listener;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	static PlaceOrder anOrder(OrderId id, AccountId account) {
		var lines = List.of(new OrderLine("p-1", "SKU-1", "Mug", Money.of("0.10", "USD"), 3),
				new OrderLine("p-2", "SKU-2", "Tea", Money.of("0.20", "USD"), 1));
		return new PlaceOrder(id, account, "shopper@example.com", lines, Money.of("0.50", "USD"));
	}

	@Test
	void placingTheSameOrderIdTwiceKeepsOneOrderAndOneEvent() {
		var id = OrderId.random();
		var first = orders.place(anOrder(id, AccountId.random()));
		var again = orders.place(anOrder(id, AccountId.random()));

		assertThat(again).isEqualTo(first);
		assertThat(first.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(count("SELECT count(*) FROM orders.orders WHERE id = ?", id.value())).isEqualTo(1);
		assertThat(publications(OrderPlaced.class, id)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> received(OrderPlaced.class, id) == 1);
	}

	@Test
	void fiveConcurrentPlacementsOfOneIdCreateOneOrder() throws Exception {
		var id = OrderId.random();
		var command = anOrder(id, AccountId.random());
		List<Future<OrderDetails>> results = new ArrayList<>();
		try (var pool = Executors.newFixedThreadPool(5)) {
			for (int i = 0; i < 5; i++) {
				results.add(pool.submit((Callable<OrderDetails>) () -> orders.place(command)));
			}
		}
		for (var result : results) {
			assertThat(result.get().id()).isEqualTo(id);
		}
		assertThat(count("SELECT count(*) FROM orders.orders WHERE id = ?", id.value())).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM orders.order_lines WHERE order_id = ?", id.value())).isEqualTo(2);
		assertThat(publications(OrderPlaced.class, id)).isEqualTo(1);
	}

	@Test
	void moneyIsExact() {
		var id = OrderId.random();
		var placed = orders.place(anOrder(id, AccountId.random()));

		assertThat(placed.total()).isEqualTo(Money.of("0.50", "USD"));
		assertThat(placed.lines().getFirst().total()).isEqualTo(Money.of("0.30", "USD"));
		assertThat(jdbc.sql("SELECT total FROM orders.orders WHERE id = ?").param(id.value()).query(BigDecimal.class)
			.single()).isEqualByComparingTo("0.50");
		assertThat(orders.find(id).orElseThrow().lines()).isEqualTo(placed.lines());
	}

	@Test
	void anOrderGoesFromPlacedToDeliveredWithAnEventPerStep() {
		var id = OrderId.random();
		orders.place(anOrder(id, AccountId.random()));

		assertThat(orders.markPaid(id, "pay-1").status()).isEqualTo(OrderStatus.PAID);
		assertThat(orders.markPaid(id, "pay-1").status()).isEqualTo(OrderStatus.PAID);
		assertThat(orders.ship(id).status()).isEqualTo(OrderStatus.SHIPPED);
		var delivered = orders.deliver(id);

		assertThat(delivered.status()).isEqualTo(OrderStatus.DELIVERED);
		assertThat(delivered.updatedAt()).isAfterOrEqualTo(delivered.placedAt());
		assertThat(publications(OrderPaid.class, id)).isEqualTo(1);
		assertThat(publications(OrderShipped.class, id)).isEqualTo(1);
		assertThat(publications(OrderDelivered.class, id)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> received(OrderPaid.class, id) == 1 && received(OrderDelivered.class, id) == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> count(
				"SELECT count(*) FROM modulith.event_publication WHERE serialized_event LIKE ? AND completion_date IS NULL",
				"%" + id + "%") == 0);
	}

	@Test
	void cancellingIsIdempotentAndKeepsTheFirstReason() {
		var placed = OrderId.random();
		orders.place(anOrder(placed, AccountId.random()));
		assertThat(orders.cancel(placed, "payment declined").status()).isEqualTo(OrderStatus.CANCELLED);
		var again = orders.cancel(placed, "another reason");
		assertThat(again.cancelReason()).isEqualTo("payment declined");
		assertThat(publications(OrderCancelled.class, placed)).isEqualTo(1);

		var paid = OrderId.random();
		orders.place(anOrder(paid, AccountId.random()));
		orders.markPaid(paid, "pay-2");
		assertThat(orders.cancel(paid, "shopper asked").status()).isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void illegalMovesAreRefusedAndChangeNothing() {
		var id = OrderId.random();
		orders.place(anOrder(id, AccountId.random()));
		String before = row(id);

		assertThatThrownBy(() -> orders.ship(id)).isInstanceOf(IllegalOrderTransition.class)
			.hasMessageContaining("PLACED");
		assertThatThrownBy(() -> orders.deliver(id)).isInstanceOf(IllegalOrderTransition.class);
		assertThat(row(id)).isEqualTo(before);

		orders.markPaid(id, "pay-3");
		assertThatThrownBy(() -> orders.markPaid(id, "pay-other")).isInstanceOf(IllegalOrderTransition.class);
		orders.ship(id);
		assertThatThrownBy(() -> orders.cancel(id, "too late")).isInstanceOf(IllegalOrderTransition.class)
			.satisfies(ex -> assertThat(((IllegalOrderTransition) ex).status()).isEqualTo(OrderStatus.SHIPPED));
		assertThatThrownBy(() -> orders.ship(id)).isInstanceOf(IllegalOrderTransition.class);

		var cancelled = OrderId.random();
		orders.place(anOrder(cancelled, AccountId.random()));
		orders.cancel(cancelled, "changed my mind");
		assertThatThrownBy(() -> orders.markPaid(cancelled, "pay-4")).isInstanceOf(IllegalOrderTransition.class);
		assertThatThrownBy(() -> orders.ship(cancelled)).isInstanceOf(IllegalOrderTransition.class);
		assertThat(orders.find(cancelled).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(publications(OrderPaid.class, cancelled)).isZero();
	}

	@Test
	void anUnknownOrderIsUnknown() {
		var nobody = OrderId.random();
		assertThatThrownBy(() -> orders.ship(nobody)).isInstanceOf(UnknownOrder.class);
		assertThatThrownBy(() -> orders.markPaid(nobody, "pay")).isInstanceOf(UnknownOrder.class);
		assertThat(orders.find(nobody)).isEmpty();
	}

	@Test
	void anOrderThatDoesNotAddUpIsRefusedAndNotStored() {
		var account = AccountId.random();
		var mug = new OrderLine("p-1", "SKU-1", "Mug", Money.of("1.00", "USD"), 2);
		var euros = new OrderLine("p-3", "SKU-3", "Euro mug", Money.of("1.00", "EUR"), 1);
		List<PlaceOrder> bad = List.of(
				new PlaceOrder(OrderId.random(), account, "a@example.com", List.of(), Money.of("0.00", "USD")),
				new PlaceOrder(OrderId.random(), account, "a@example.com", List.of(mug), Money.of("1.99", "USD")),
				new PlaceOrder(OrderId.random(), account, "a@example.com", List.of(mug, euros), Money.of("3.00", "USD")),
				new PlaceOrder(OrderId.random(), account, " ", List.of(mug), Money.of("2.00", "USD")));
		for (var command : bad) {
			assertThatThrownBy(() -> orders.place(command)).isInstanceOf(InvalidOrder.class);
			assertThat(count("SELECT count(*) FROM orders.orders WHERE id = ?", command.orderId().value())).isZero();
		}
		assertThatThrownBy(() -> new OrderLine("p", "s", "n", Money.of("1.00", "USD"), 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void eventsArePublishedInTheTransactionAndGoWithItsRollback() {
		var id = OrderId.random();
		var transaction = new TransactionTemplate(transactionManager);
		assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
			orders.place(anOrder(id, AccountId.random()));
			assertThat(publications(OrderPlaced.class, id)).isEqualTo(1);
			throw new IllegalStateException("the caller's transaction fails after placing");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(orders.find(id)).isEmpty();
		assertThat(publications(OrderPlaced.class, id)).isZero();
	}

	private long publications(Class<?> type, OrderId id) {
		return count("SELECT count(*) FROM modulith.event_publication WHERE event_type = ? AND serialized_event LIKE ?",
				type.getName(), "%" + id + "%");
	}

	private long received(Class<?> type, OrderId id) {
		return listener.received().stream().filter(type::isInstance).filter(e -> e.toString().contains(id.toString())).count();
	}

	private long count(String sql, Object... params) {
		var statement = jdbc.sql(sql);
		for (Object param : params) {
			statement = statement.param(param);
		}
		return statement.query(Long.class).single();
	}

	private String row(OrderId id) {
		return jdbc.sql("SELECT status || updated_at || version FROM orders.orders WHERE id = ?").param(id.value())
			.query(String.class).single();
	}
}
