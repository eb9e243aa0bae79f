package com.retailflow.inventory;

/**
 * Published when the units of a confirmed reservation came back on hand: the order they left for was cancelled
 * before it shipped.
 *
 * @param reservation the reservation
 * @param sku the SKU
 * @param quantity units back on hand
 */
public record ReservationRestocked(ReservationId reservation, Sku sku, int quantity) {
}
