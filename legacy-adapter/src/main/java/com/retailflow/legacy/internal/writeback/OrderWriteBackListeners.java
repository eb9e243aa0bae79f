package com.retailflow.legacy.internal.writeback;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.retailflow.orders.OrderCancelled;
import com.retailflow.orders.OrderDelivered;
import com.retailflow.orders.OrderPaid;
import com.retailflow.orders.OrderPlaced;
import com.retailflow.orders.OrderShipped;

/**
 * The orders module's events as write-back triggers, delivered at least once through the event publication registry;
 * idempotent because {@link LegacyOrderWriteBack} copies state. Their ids share the write-back prefix, so a route
 * flip back to legacy waits for them as for the other write-backs.
 */
@Component
class OrderWriteBackListeners {

	private final LegacyOrderWriteBack writeBack;

	OrderWriteBackListeners(LegacyOrderWriteBack writeBack) {
		this.writeBack = writeBack;
	}

	@ApplicationModuleListener(id = WriteBackListeners.ID_PREFIX + "order-placed")
	void on(OrderPlaced event) {
		writeBack.order(event.orderId());
	}

	@ApplicationModuleListener(id = WriteBackListeners.ID_PREFIX + "order-paid")
	void on(OrderPaid event) {
		writeBack.order(event.orderId());
	}

	@ApplicationModuleListener(id = WriteBackListeners.ID_PREFIX + "order-cancelled")
	void on(OrderCancelled event) {
		writeBack.order(event.orderId());
	}

	@ApplicationModuleListener(id = WriteBackListeners.ID_PREFIX + "order-shipped")
	void on(OrderShipped event) {
		writeBack.order(event.orderId());
	}

	@ApplicationModuleListener(id = WriteBackListeners.ID_PREFIX + "order-delivered")
	void on(OrderDelivered event) {
		writeBack.order(event.orderId());
	}
}
