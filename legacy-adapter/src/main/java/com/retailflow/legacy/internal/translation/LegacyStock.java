package com.retailflow.legacy.internal.translation;

import org.jspecify.annotations.Nullable;

/**
 * A product's stock as legacy keeps it: {@code stock.qty} joined to the product's SKU; {@code qty} is null when the
 * product has no {@code stock} row (legacy pages show such a product as out of stock).
 */
public record LegacyStock(long productId, String sku, @Nullable Integer qty) {
}
