package com.retailflow.orders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener as another module would have one (checkout's, the legacy write-back's): with a listener present, the
 * event publication registry stores each order event in the publishing transaction and marks it completed once the
 * listener has run after the commit.
 */
@Component
class OrderEventsListener {

	private final List<Object> received = new CopyOnWriteArrayList<>();

	/** A method, not the field: the bean is a proxy (the listeners are asynchronous and transactional). */
	List<Object> received() {
		return received;
	}

	@ApplicationModuleListener(id = "orders.tests.placed")
	void on(OrderPlaced event) {
		received.add(event);
	}

	@ApplicationModuleListener(id = "orders.tests.paid")
	void on(OrderPaid event) {
		received.add(event);
	}

	@ApplicationModuleListener(id = "orders.tests.cancelled")
	void on(OrderCancelled event) {
		received.add(event);
	}

	@ApplicationModuleListener(id = "orders.tests.shipped")
	void on(OrderShipped event) {
		received.add(event);
	}

	@ApplicationModuleListener(id = "orders.tests.delivered")
	void on(OrderDelivered event) {
		received.add(event);
	}
}
