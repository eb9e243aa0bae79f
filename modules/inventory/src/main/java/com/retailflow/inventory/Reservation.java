package com.retailflow.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Units of one SKU held for a shopper: they count as unavailable to everybody else until the reservation is confirmed
 * (the units leave the warehouse), released, or expires.
 *
 * @param id identifies the reservation for {@link InventoryManagement#confirm} and {@link InventoryManagement#release}
 * @param sku the reserved SKU
 * @param quantity units held, at least 1
 * @param expiresAt when the hold lapses unless confirmed or released before
 */
public record Reservation(ReservationId id, Sku sku, int quantity, Instant expiresAt) {

	public Reservation {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (quantity <= 0) {
			throw new IllegalArgumentException("A reservation holds at least one unit, not " + quantity);
		}
	}
}
