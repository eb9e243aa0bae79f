package com.retailflow.inventory;

/**
 * Published when a reservation was confirmed: its units left the warehouse (on-hand stock went down by the quantity).
 * Availability did not change (the units were already unavailable), so no {@link StockChanged} accompanies it.
 *
 * @param reservation the reservation
 * @param sku the SKU
 * @param quantity units that left
 */
public record ReservationConfirmed(ReservationId reservation, Sku sku, int quantity) {
}
