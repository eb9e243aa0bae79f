package com.retailflow.inventory;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a {@link Reservation}. Other modules keep it (e.g. on an order) to confirm or release the reservation later.
 *
 * @param id the identifier
 */
public record ReservationId(UUID id) {

	public ReservationId {
		Objects.requireNonNull(id, "id");
	}

	/** A new, random identifier. */
	public static ReservationId random() {
		return new ReservationId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
