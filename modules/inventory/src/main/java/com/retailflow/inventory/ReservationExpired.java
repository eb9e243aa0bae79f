package com.retailflow.inventory;

import java.time.Instant;

/**
 * Published when a reservation lapsed without being confirmed or released, and its units became available again.
 * Published exactly once per reservation, however many instances run the expiry job.
 *
 * @param reservation the reservation
 * @param sku the SKU
 * @param quantity units given back
 * @param expiredAt when the reservation was due to expire
 */
public record ReservationExpired(ReservationId reservation, Sku sku, int quantity, Instant expiredAt) {
}
