package com.retailflow.inventory.internal;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.inventory.Availability;
import com.retailflow.inventory.ReservationExpired;
import com.retailflow.inventory.Sku;
import com.retailflow.inventory.StockChanged;

/**
 * Expires overdue reservations one batch per transaction, so a backlog (after an outage, say) never turns into one
 * huge transaction holding thousands of row locks. {@code InventoryManagement.expireOverdue()} repeats batches.
 */
@Component
class ReservationExpiry {

	private final Reservations reservations;
	private final StockLevels stock;
	private final ApplicationEventPublisher events;

	ReservationExpiry(Reservations reservations, StockLevels stock, ApplicationEventPublisher events) {
		this.reservations = reservations;
		this.stock = stock;
		this.events = events;
	}

	/**
	 * Expires up to {@code limit} reservations due at {@code now} that no concurrent caller is expiring, gives their
	 * units back, and publishes {@link ReservationExpired} per reservation and {@link StockChanged} per SKU.
	 *
	 * @return the number expired; fewer than {@code limit} when nothing else is due (or the rest is being expired by
	 *         a concurrent caller right now)
	 */
	@Transactional
	public int expireBatch(Instant now, int limit) {
		var expired = reservations.expireDue(now, limit);
		if (expired.isEmpty()) {
			return 0;
		}
		SortedMap<Sku, Integer> released = new TreeMap<>(StockLevels.LOCK_ORDER);
		for (var reservation : expired) {
			released.merge(reservation.sku(), reservation.quantity(), Integer::sum);
		}
		stock.unreserve(released, now);
		for (var reservation : expired) {
			events.publishEvent(new ReservationExpired(reservation.id(), reservation.sku(), reservation.quantity(),
					reservation.expiresAt()));
		}
		// This transaction holds the rows' locks, so this read is exactly the state it commits.
		Map<Sku, Integer> available = stock.availableOf(released.keySet());
		released.keySet()
			.forEach(sku -> events.publishEvent(new StockChanged(sku, Availability.of(sku, available.getOrDefault(sku, 0)))));
		return expired.size();
	}
}
