package com.retailflow.legacy.internal.writeback;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.legacy.internal.sync.PendingLegacyChanges;
import com.retailflow.legacy.internal.translation.LegacyOrderTranslation;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderLine;
import com.retailflow.orders.ShippingAddress;
import com.retailflow.orders.OrderManagement;

/**
 * Writes orders into legacy's {@code orders} and {@code order_items}, so legacy's account and order pages and its
 * reports see them.
 *
 * <ul>
 * <li>An order placed on the new side is always the new side's: its first write-back inserts the legacy rows and
 * the {@code rf_order_link} row in one legacy transaction, later ones copy its status. The link row makes a repeated
 * write-back (a redelivered event, a crash before the new side recorded the legacy id) find its rows instead of
 * inserting a second order; two racing first write-backs meet at its primary key, and the loser is retried.</li>
 * <li>An order imported from legacy is legacy's until the {@code orders} route is NEW; from then on its status
 * changes here are copied there, unless legacy changed the row since (then the stream brings legacy's version,
 * as for products).</li>
 * </ul>
 * State, not deltas: each write-back copies what the order is NOW, read after the legacy rows are locked, so
 * repeating one changes nothing and a late one cannot undo a newer change. Capture skips these writes (no echo).
 *
 * <p>Legacy needs a customer and a shipping address. The customer is the account's legacy customer (0 for a guest or
 * an account legacy does not know: the order is in legacy's reports, not on a legacy account page); the new checkout
 * takes no address, so the name is the account's and the address fields are empty.
 */
@Component
public class LegacyOrderWriteBack {

	private final LegacyWriteBack writeBack;
	private final OrderManagement orders;
	private final IdentityManagement identity;
	private final SystemOfRecord owners;
	private final PendingLegacyChanges pending;

	LegacyOrderWriteBack(LegacyWriteBack writeBack, OrderManagement orders, IdentityManagement identity,
			SystemOfRecord owners, PendingLegacyChanges pending) {
		this.writeBack = writeBack;
		this.orders = orders;
		this.identity = identity;
		this.owners = owners;
		this.pending = pending;
	}

	/** Brings legacy's rows of this order to its current state; creates them for an order placed here. */
	public void order(OrderId id) {
		AtomicReference<@Nullable Long> created = new AtomicReference<>();
		writeBack.inWriteBackTransaction(jdbc -> {
			Optional<Long> linked = jdbc.sql("SELECT legacy_order_id FROM rf_order_link WHERE order_id = ? FOR UPDATE")
				.param(id.toString())
				.query(Long.class)
				.optional();
			linked.ifPresent(legacyId -> lockOrder(jdbc, legacyId));
			Optional<OrderDetails> found = orders.find(id);
			if (found.isEmpty()) {
				return;
			}
			OrderDetails order = found.get();
			if (linked.isPresent()) {
				copyStatus(jdbc, linked.get(), order);
				created.set(linked.get());
			}
			else if (order.legacyOrderId() != null) {
				copyImported(jdbc, order.legacyOrderId(), order);
			}
			else {
				long legacyId = insert(jdbc, order);
				jdbc.sql("INSERT INTO rf_order_link (order_id, legacy_order_id) VALUES (?, ?)")
					.params(id.toString(), legacyId)
					.update();
				created.set(legacyId);
			}
		});
		Long legacyId = created.get();
		if (legacyId != null) {
			orders.linkLegacy(id, legacyId);
		}
	}

	private void copyImported(JdbcClient jdbc, long legacyId, OrderDetails order) {
		if (!owners.newSideOwns("orders")) {
			return; // legacy's order while legacy owns orders: the stream brings its changes here, not the other way
		}
		lockOrder(jdbc, legacyId);
		if (pending.pendingFor(jdbc, "orders", Long.toString(legacyId))) {
			return; // legacy changed it since: the stream brings that over
		}
		copyStatus(jdbc, legacyId, order);
	}

	private static void lockOrder(JdbcClient jdbc, long legacyId) {
		jdbc.sql("SELECT id FROM orders WHERE id = ? FOR UPDATE").param(legacyId).query(Long.class).optional();
	}

	private static void copyStatus(JdbcClient jdbc, long legacyId, OrderDetails order) {
		jdbc.sql("UPDATE orders SET status = ? WHERE id = ?")
			.params(LegacyOrderTranslation.code(order.status()), legacyId)
			.update();
	}

	private long insert(JdbcClient jdbc, OrderDetails order) {
		Optional<AccountDetails> account = Optional.ofNullable(order.accountId()).flatMap(identity::find);
		long customerId = account.map(AccountDetails::legacyId).orElse(0L);
		// the address the shopper gave at checkout; without one, legacy's NOT NULL columns get the account's name
		ShippingAddress shipTo = Optional.ofNullable(order.shipTo())
			.orElseGet(() -> new ShippingAddress(
					truncate(account.map(AccountDetails::name).orElse(order.shopperEmail()), 100), "", "", ""));
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO orders (customer_id, status, total, ship_name, ship_address, ship_city, ship_zip, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(customerId, LegacyOrderTranslation.code(order.status()), order.total().amount().floatValue(),
					shipTo.name(), shipTo.address(), shipTo.city(), shipTo.zip(),
					LocalDateTime.ofInstant(order.placedAt(), ZoneOffset.UTC))
			.update(keys);
		long legacyId = keys.getKeyAs(Number.class).longValue();
		for (OrderLine line : order.lines()) {
			jdbc.sql("INSERT INTO order_items (order_id, product_id, qty, unit_price, name) VALUES (?, ?, ?, ?, ?)")
				.params(legacyId, legacyProductId(line.productId()), line.quantity(),
						line.unitPrice().amount().floatValue(), truncate(line.name(), 255))
				.update();
		}
		return legacyId;
	}

	/** The catalog's product ids are legacy's; a product legacy never had is 0 (no link on legacy's page). */
	private static long legacyProductId(String productId) {
		try {
			return Long.parseLong(productId);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
