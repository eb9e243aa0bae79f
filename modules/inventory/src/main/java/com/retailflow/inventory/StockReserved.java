package com.retailflow.inventory;

import java.time.Instant;

/**
 * Published when units were reserved.
 *
 * @param reservation the new reservation
 * @param sku the SKU
 * @param quantity units held
 * @param expiresAt when the hold lapses unless confirmed or released
 */
public record StockReserved(ReservationId reservation, Sku sku, int quantity, Instant expiresAt) {
}
