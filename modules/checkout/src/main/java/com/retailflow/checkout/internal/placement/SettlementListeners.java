package com.retailflow.checkout.internal.placement;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import com.retailflow.orders.OrderCancelled;
import com.retailflow.orders.OrderPaid;
import com.retailflow.orders.OrderShipped;

/**
 * Checkout's reactions to the order lifecycle, for the orders it placed (others have no ledger row and are ignored).
 * Delivered at least once from the event publication registry; every step is idempotent. The ids are stable: pending
 * publications stay valid across refactorings. Each step runs its own transactions ({@link OrderSettlement}), so the
 * listeners start none: a step that fails part-way must not doom the transaction of the next.
 */
@Component
class SettlementListeners {

	private final OrderSettlement settlement;

	SettlementListeners(OrderSettlement settlement) {
		this.settlement = settlement;
	}

	@ApplicationModuleListener(id = "checkout.confirm-stock-on-order-paid", propagation = Propagation.NOT_SUPPORTED)
	void on(OrderPaid event) {
		settlement.confirmStock(event.orderId());
	}

	@ApplicationModuleListener(id = "checkout.release-stock-on-order-cancelled", propagation = Propagation.NOT_SUPPORTED)
	void on(OrderCancelled event) {
		settlement.releaseStock(event.orderId());
	}

	@ApplicationModuleListener(id = "checkout.capture-payment-on-order-shipped", propagation = Propagation.NOT_SUPPORTED)
	void on(OrderShipped event) {
		settlement.capture(event.orderId());
	}
}
