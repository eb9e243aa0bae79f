package com.retailflow.inventory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Listens to the module's events the way another module would: asynchronously, after the publishing transaction
 * committed, through the JDBC event publication registry. Unlike Modulith's {@code PublishedEvents}, which sees only
 * events published on the test's own thread, it records events from any thread, and only those whose transaction
 * committed.
 *
 * <p>Deliberately not a synchronous {@code @TransactionalEventListener}: the registry marks such a listener's
 * publication completed in a new transaction while the publisher still holds its connection, so under hundreds of
 * concurrent publishers every thread holds one connection and waits for a second, and the pool runs dry.
 */
public class RecordedEvents {

	private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();

	@ApplicationModuleListener(id = "inventory-tests.stock-changed")
	void on(StockChanged event) {
		events.add(event);
	}

	@ApplicationModuleListener(id = "inventory-tests.stock-reserved")
	void on(StockReserved event) {
		events.add(event);
	}

	@ApplicationModuleListener(id = "inventory-tests.reservation-expired")
	void on(ReservationExpired event) {
		events.add(event);
	}

	/** The events of a type recorded so far. */
	<T> List<T> ofType(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Waits (polling, at most 30 s) until the recorded events of a type satisfy the condition, and returns them. */
	<T> List<T> await(Class<T> type, Predicate<List<T>> condition) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> ofType(type), condition::test);
	}
}
