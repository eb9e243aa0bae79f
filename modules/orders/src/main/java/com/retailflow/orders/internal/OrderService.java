package com.retailflow.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.orders.LegacyOrder;
import com.retailflow.orders.LegacyOrderImport;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;
import com.retailflow.orders.PlaceOrder;
import com.retailflow.orders.UnknownOrder;

/**
 * The facade: checks commands, loads the order, lets {@link Order} decide, saves it (which publishes its events in
 * the same transaction). Placing is idempotent by the caller's order id; two placements of one id racing meet at the
 * primary key, and the loser returns the winner's order.
 */
@Service
class OrderService implements OrderManagement {

	private final Orders orders;
	private final IdentityManagement identity;
	private static final int CHANGE_ATTEMPTS = 5;

	private final TransactionTemplate transactions;
	private final TransactionTemplate readOnly;
	// microseconds, as timestamptz stores them: an order read back equals the one returned when it was placed
	private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

	OrderService(Orders orders, IdentityManagement identity, PlatformTransactionManager transactionManager) {
		this.orders = orders;
		this.identity = identity;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	@Override
	public OrderDetails place(PlaceOrder order) {
		OrderChecks.check(order);
		try {
			return transactions.execute(status -> orders.findById(order.orderId().value())
				.orElseGet(() -> orders.save(Order.place(order, clock.instant())))
				.details());
		}
		catch (DataIntegrityViolationException race) {
			return find(order.orderId()).orElseThrow(() -> race);
		}
	}

	@Override
	public OrderDetails markPaid(OrderId id, String paymentReference) {
		String reference = OrderChecks.text(paymentReference, OrderChecks.MAX_REFERENCE, "The payment reference");
		return change(id, order -> order.markPaid(reference, clock.instant()));
	}

	@Override
	public OrderDetails cancel(OrderId id, String reason) {
		String checked = OrderChecks.text(reason, OrderChecks.MAX_REASON, "The reason");
		return change(id, order -> order.cancel(checked, clock.instant()));
	}

	@Override
	public OrderDetails ship(OrderId id) {
		return change(id, order -> order.ship(clock.instant()));
	}

	@Override
	public OrderDetails deliver(OrderId id) {
		return change(id, order -> order.deliver(clock.instant()));
	}

	@Override
	public Optional<OrderDetails> find(OrderId id) {
		return readOnly.execute(status -> orders.findById(id.value()).map(Order::details));
	}

	@Override
	public List<OrderDetails> historyOf(AccountId account) {
		Long legacyId = identity.find(account).map(AccountDetails::legacyId).orElse(null);
		return readOnly.execute(status -> orders.historyOf(account.value(), legacyId)
			.stream()
			.map(order -> ownedDetails(order, account))
			.toList());
	}

	@Override
	public Optional<OrderDetails> findFor(AccountId account, OrderId id) {
		Long legacyId = identity.find(account).map(AccountDetails::legacyId).orElse(null);
		return readOnly.execute(status -> orders.findById(id.value())
			.filter(order -> order.belongsTo(account, legacyId))
			.map(order -> ownedDetails(order, account)));
	}

	@Override
	public LegacyOrderImport importLegacyOrder(LegacyOrder legacy) {
		try {
			return transactions.execute(status -> importInTransaction(legacy));
		}
		catch (DataIntegrityViolationException race) {
			// the same legacy row imported twice at once (backfill and stream): the other import created it
			return transactions.execute(status -> importInTransaction(legacy));
		}
	}

	@Override
	public OrderDetails linkLegacy(OrderId id, long legacyOrderId) {
		return change(id, order -> order.linkLegacy(legacyOrderId, clock.instant()));
	}

	@Override
	public Optional<OrderId> idOfLegacyOrder(long legacyOrderId) {
		return readOnly.execute(status -> orders.findByLegacyOrderId(legacyOrderId).map(Order::orderId));
	}

	@Override
	public List<LegacyOrder> legacyOrders(@Nullable Long from, @Nullable Long to) {
		return readOnly.execute(status -> orders.withLegacyRows(from, to)
			.stream()
			.map(order -> order.asLegacy(order.cameFromLegacy() ? null : legacyIdOf(order.details().accountId())))
			.toList());
	}

	private @Nullable Long legacyIdOf(@Nullable AccountId account) {
		return account == null ? null : identity.find(account).map(AccountDetails::legacyId).orElse(null);
	}

	private LegacyOrderImport importInTransaction(LegacyOrder legacy) {
		var known = orders.findByLegacyOrderId(legacy.legacyOrderId());
		if (known.isEmpty()) {
			orders.save(Order.importLegacy(legacyOrderIdToOrderId(legacy.legacyOrderId()), legacy, clock.instant()));
			return LegacyOrderImport.CREATED;
		}
		Order order = known.get();
		if (!order.cameFromLegacy()) {
			return LegacyOrderImport.OWNED_HERE;
		}
		if (!order.takeLegacyState(legacy, clock.instant())) {
			return LegacyOrderImport.UNCHANGED;
		}
		orders.save(order);
		return LegacyOrderImport.UPDATED;
	}

	/** A stable id per legacy order, so an import repeated anywhere names the same order. */
	static OrderId legacyOrderIdToOrderId(long legacyOrderId) {
		return new OrderId(UUID.nameUUIDFromBytes(("legacy-order:" + legacyOrderId).getBytes()));
	}

	/** An imported order names legacy's customer, not an account: the account that asked for it is its owner. */
	private static OrderDetails ownedDetails(Order order, AccountId account) {
		var details = order.details();
		if (details.accountId() != null) {
			return details;
		}
		return new OrderDetails(details.id(), account, details.shopperEmail(), details.status(), details.lines(),
				details.total(), details.placedAt(), details.updatedAt(), details.legacyOrderId(),
				details.cancelReason(), details.shipTo());
	}

	private OrderDetails change(OrderId id, Consumer<Order> transition) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> {
					Order order = orders.findById(id.value()).orElseThrow(() -> new UnknownOrder(id));
					transition.accept(order);
					return orders.save(order).details();
				});
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				// another writer (the write-back linking legacy's number, an admin) changed the order first: the
				// transition is applied again to what is there now, and refuses if that no longer allows it
				if (attempt == CHANGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}
}
