package com.retailflow.inventory;

/**
 * Published when a reservation was released and its units became available again.
 *
 * @param reservation the reservation
 * @param sku the SKU
 * @param quantity units given back
 */
public record ReservationReleased(ReservationId reservation, Sku sku, int quantity) {
}
