package com.retailflow.orders;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.retailflow.identity.AccountId;

/**
 * The orders module's API: places orders and moves them through their lifecycle. Every transition publishes its event
 * ({@link OrderPlaced}, {@link OrderPaid}, {@link OrderCancelled}, {@link OrderShipped}, {@link OrderDelivered}) in
 * the same transaction.
 */
public interface OrderManagement {

	/**
	 * Places an order in status PLACED. Placing an order id that already exists returns the existing order and
	 * publishes nothing, so callers can retry.
	 *
	 * @throws IllegalArgumentException for an order without lines, in mixed currencies, or whose total is not the sum
	 * of its lines
	 */
	OrderDetails place(PlaceOrder order);

	/**
	 * PLACED → PAID. Repeating it with the same payment reference returns the paid order unchanged.
	 *
	 * @throws UnknownOrder for an id no order has
	 * @throws IllegalOrderTransition from any other status, or when paid with a different reference
	 */
	OrderDetails markPaid(OrderId id, String paymentReference);

	/**
	 * PLACED or PAID → CANCELLED. Cancelling a cancelled order returns it unchanged.
	 *
	 * @throws UnknownOrder for an id no order has
	 * @throws IllegalOrderTransition for a shipped or delivered order
	 */
	OrderDetails cancel(OrderId id, String reason);

	/**
	 * PAID → SHIPPED.
	 *
	 * @throws UnknownOrder for an id no order has
	 * @throws IllegalOrderTransition from any other status
	 */
	OrderDetails ship(OrderId id);

	/**
	 * SHIPPED → DELIVERED.
	 *
	 * @throws UnknownOrder for an id no order has
	 * @throws IllegalOrderTransition from any other status
	 */
	OrderDetails deliver(OrderId id);

	Optional<OrderDetails> find(OrderId id);

	/** The account's orders, newest first, including orders imported from legacy. */
	List<OrderDetails> historyOf(AccountId account);

	/**
	 * One order of one account: an order the account placed, or a legacy order of the legacy customer the account
	 * is. Empty for every other order, so a page or API can answer another shopper's order id with 404.
	 */
	Optional<OrderDetails> findFor(AccountId account, OrderId id);

	/**
	 * Brings one legacy order in, idempotently by legacy order id: the same row again changes nothing, a changed row
	 * is taken over (legacy is the system of record for the orders placed there). No events: nothing on this side
	 * reacts to what happened in legacy. A row that is the write-back of an order placed here is left alone.
	 */
	LegacyOrderImport importLegacyOrder(LegacyOrder order);

	/**
	 * Records legacy's row id of an order written back to legacy; repeating it with the same id changes nothing.
	 *
	 * @throws UnknownOrder for an id no order has
	 * @throws IllegalStateException when the order is linked to another legacy row already
	 */
	OrderDetails linkLegacy(OrderId id, long legacyOrderId);

	/** The order that legacy's row {@code orders.id = legacyOrderId} is (imported from it, or written back to it). */
	Optional<OrderId> idOfLegacyOrder(long legacyOrderId);

	/**
	 * Every order legacy holds a row of, with a legacy order id in {@code [from, to)} (null for unbounded), in legacy
	 * id order, as that row should read now: an imported order as stored, an order placed here as its write-back wrote
	 * it (the customer is the account's legacy customer, 0 for none). What reconciliation compares with legacy's rows.
	 */
	List<LegacyOrder> legacyOrders(@Nullable Long from, @Nullable Long to);
}
