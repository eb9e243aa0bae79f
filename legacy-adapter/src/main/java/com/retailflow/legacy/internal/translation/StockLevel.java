package com.retailflow.legacy.internal.translation;

import com.retailflow.inventory.Sku;

/** A translated stock row: units on hand of a SKU, never negative. */
public record StockLevel(Sku sku, int onHand) {
}
