package com.retailflow.orders;

import java.util.List;
import java.util.Optional;

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
}
