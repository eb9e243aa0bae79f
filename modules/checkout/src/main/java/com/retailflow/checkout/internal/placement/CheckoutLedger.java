package com.retailflow.checkout.internal.placement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.retailflow.checkout.CartOwner;
import com.retailflow.inventory.ReservationId;
import com.retailflow.orders.OrderId;

/**
 * {@code checkout.checkouts} and {@code checkout.order_reservations}: per order checkout placed, the reservations it
 * holds and where its payment stands. Plain SQL: rows are locked while a step runs, so the request, the event
 * listeners and the recovery job never act on one order at the same time.
 */
@Repository
class CheckoutLedger {

	enum Payment {
		PENDING, AUTHORIZED, DECLINED, CAPTURED, VOIDED
	}

	enum Stock {
		HELD, CONFIRMED, RELEASED, RESTOCKED
	}

	record Entry(OrderId orderId, CartOwner owner, Payment payment, @Nullable String paymentReference, Stock stock,
			List<ReservationId> reservations) {
	}

	private final JdbcClient jdbc;

	CheckoutLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(OrderId orderId, CartOwner owner, List<ReservationId> reservations, Instant now) {
		jdbc.sql("""
				INSERT INTO checkout.checkouts (order_id, owner_key, payment, stock, created_at, updated_at)
				VALUES (?, ?, 'PENDING', 'HELD', ?, ?)""")
			.params(orderId.value(), owner.key(), Timestamp.from(now), Timestamp.from(now))
			.update();
		for (ReservationId reservation : reservations) {
			jdbc.sql("INSERT INTO checkout.order_reservations (order_id, reservation_id) VALUES (?, ?)")
				.params(orderId.value(), reservation.id())
				.update();
		}
	}

	Optional<Entry> find(OrderId orderId) {
		return entry(orderId, "");
	}

	/** The entry, its row locked until the transaction ends; the caller must be in a transaction. */
	Optional<Entry> lock(OrderId orderId) {
		return entry(orderId, " FOR UPDATE");
	}

	/** The entry locked, or empty if another transaction holds it (it is being worked on) or there is none. */
	Optional<Entry> lockIfFree(OrderId orderId) {
		return entry(orderId, " FOR UPDATE SKIP LOCKED");
	}

	void payment(OrderId orderId, Payment payment, @Nullable String reference, Instant now) {
		jdbc.sql("""
				UPDATE checkout.checkouts SET payment = ?, payment_reference = COALESCE(?, payment_reference),
				    updated_at = ? WHERE order_id = ?""")
			.params(payment.name(), reference, Timestamp.from(now), orderId.value())
			.update();
	}

	void stock(OrderId orderId, Stock stock, Instant now) {
		jdbc.sql("UPDATE checkout.checkouts SET stock = ?, updated_at = ? WHERE order_id = ?")
			.params(stock.name(), Timestamp.from(now), orderId.value())
			.update();
	}

	/** Orders whose payment or stock is still open and that nobody touched since {@code before}, oldest first. */
	List<OrderId> unresolvedSince(Instant before, int limit) {
		return jdbc.sql("""
				SELECT order_id FROM checkout.checkouts
				WHERE (payment = 'PENDING' OR stock = 'HELD') AND updated_at < ?
				ORDER BY created_at LIMIT ?""")
			.params(Timestamp.from(before), limit)
			.query((rs, row) -> new OrderId(rs.getObject(1, UUID.class)))
			.list();
	}

	private Optional<Entry> entry(OrderId orderId, String locking) {
		return jdbc.sql("SELECT owner_key, payment, payment_reference, stock FROM checkout.checkouts WHERE order_id = ?"
				+ locking)
			.param(orderId.value())
			.query((rs, row) -> new Entry(orderId, new CartOwner(rs.getString(1)), Payment.valueOf(rs.getString(2)),
					rs.getString(3), Stock.valueOf(rs.getString(4)), reservations(orderId)))
			.optional();
	}

	private List<ReservationId> reservations(OrderId orderId) {
		return jdbc.sql("SELECT reservation_id FROM checkout.order_reservations WHERE order_id = ? ORDER BY reservation_id")
			.param(orderId.value())
			.query((rs, row) -> new ReservationId(rs.getObject(1, UUID.class)))
			.list();
	}
}
