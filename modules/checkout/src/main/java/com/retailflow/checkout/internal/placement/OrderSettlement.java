package com.retailflow.checkout.internal.placement;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.checkout.internal.cart.CartService;
import com.retailflow.checkout.internal.payment.PaymentGateway;
import com.retailflow.checkout.internal.placement.CheckoutLedger.Payment;
import com.retailflow.checkout.internal.placement.CheckoutLedger.Stock;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.ReservationId;
import com.retailflow.inventory.ReservationNotOpen;
import com.retailflow.orders.OrderDetails;
import com.retailflow.orders.OrderId;
import com.retailflow.orders.OrderManagement;

/**
 * The steps after an order is placed, each safe to repeat and to run from the request, an event listener or the
 * recovery job: the order's ledger row is locked while a step runs, and a step whose work is done does nothing.
 */
@Component
class OrderSettlement {

	private static final Logger log = LoggerFactory.getLogger(OrderSettlement.class);

	private final CheckoutLedger ledger;
	private final OrderManagement orders;
	private final InventoryManagement inventory;
	private final PaymentGateway payments;
	private final CartService carts;
	private final TransactionTemplate transactions;
	private final Clock clock;

	OrderSettlement(CheckoutLedger ledger, OrderManagement orders, InventoryManagement inventory,
			PaymentGateway payments, CartService carts, TransactionTemplate transactions, ObjectProvider<Clock> clock) {
		this.ledger = ledger;
		this.orders = orders;
		this.inventory = inventory;
		this.payments = payments;
		this.carts = carts;
		this.transactions = transactions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	private static final int PAID_ATTEMPTS = 5;

	/**
	 * The payment was authorized: the order becomes PAID (publishing {@code OrderPaid}, on which the stock is
	 * confirmed) and the shopper's cart is emptied, in one transaction.
	 */
	OrderDetails paid(OrderId orderId, String reference) {
		for (int attempt = 1;; attempt++) {
			try {
				return markPaid(orderId, reference);
			}
			catch (ObjectOptimisticLockingFailureException ex) {
				// the order's write-back linked legacy's number meanwhile; every step here is safe to repeat
				if (attempt == PAID_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private OrderDetails markPaid(OrderId orderId, String reference) {
		return transactions.execute(status -> {
			var entry = ledger.lock(orderId).orElseThrow();
			OrderDetails order = orders.markPaid(orderId, reference);
			if (entry.payment() == Payment.PENDING) {
				ledger.payment(orderId, Payment.AUTHORIZED, reference, clock.instant());
				carts.clear(entry.owner());
			}
			return order;
		});
	}

	/**
	 * The payment failed or never happened: the order is CANCELLED (publishing {@code OrderCancelled}, on which the
	 * stock is released). An authorization made after all is voided.
	 */
	OrderDetails cancel(OrderId orderId, String reason, boolean declined) {
		return transactions.execute(status -> {
			ledger.lock(orderId).orElseThrow();
			OrderDetails order = orders.cancel(orderId, reason);
			if (declined) {
				ledger.payment(orderId, Payment.DECLINED, null, clock.instant());
			}
			return order;
		});
	}

	/** Confirms the order's reservations (the units leave the warehouse), once. */
	void confirmStock(OrderId orderId) {
		try {
			transactions.executeWithoutResult(status -> ledger.lock(orderId)
				.filter(entry -> entry.stock() == Stock.HELD)
				.ifPresent(entry -> {
					entry.reservations().forEach(inventory::confirm);
					ledger.stock(orderId, Stock.CONFIRMED, clock.instant());
				}));
		}
		catch (ReservationNotOpen ex) {
			// The hold lapsed before the payment was settled (ADR 0049): its units went back on sale. Recorded as
			// released so nobody waits on it; the order stays paid and is handled by the operator (runbook).
			log.error("Order {} is paid but its reservation had lapsed: {}", orderId, ex.getMessage());
			transactions.executeWithoutResult(status -> ledger.stock(orderId, Stock.RELEASED, clock.instant()));
		}
	}

	/**
	 * Puts the order's units back on sale and voids an authorization, once: held units are released, and units
	 * confirmed for a paid order that is cancelled before it ships come back on hand.
	 */
	void releaseStock(OrderId orderId) {
		Optional<CheckoutLedger.Entry> voidable = transactions.execute(status -> ledger.lock(orderId).map(entry -> {
			if (entry.stock() == Stock.HELD) {
				entry.reservations().forEach(inventory::release);
				ledger.stock(orderId, Stock.RELEASED, clock.instant());
			}
			else if (entry.stock() == Stock.CONFIRMED) {
				entry.reservations().forEach(inventory::restock);
				ledger.stock(orderId, Stock.RESTOCKED, clock.instant());
			}
			return entry;
		}));
		// PENDING too: an authorization whose answer was lost may exist, and voiding a key without one is harmless
		voidable.filter(entry -> entry.payment() == Payment.AUTHORIZED || entry.payment() == Payment.PENDING)
			.ifPresent(entry -> {
				payments.voidAuthorization(orderId.toString());
				transactions.executeWithoutResult(
						status -> ledger.payment(orderId, Payment.VOIDED, null, clock.instant()));
			});
	}

	/** Takes the authorized amount when the order ships, once. */
	void capture(OrderId orderId) {
		ledger.find(orderId).filter(entry -> entry.payment() == Payment.AUTHORIZED).ifPresent(entry -> {
			payments.capture(orderId.toString());
			transactions.executeWithoutResult(
					status -> ledger.payment(orderId, Payment.CAPTURED, null, clock.instant()));
		});
	}
}
