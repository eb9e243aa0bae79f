package com.retailflow.catalog;

import com.retailflow.inventory.Sku;

/**
 * Identifies a product. The value is the legacy shop's numeric product id, kept on purpose: legacy URLs
 * ({@code /product.php?id=42}) map one to one onto new ones ({@code /products/42}), and sync and reconciliation need no
 * id mapping table.
 *
 * @param value a positive number
 */
public record ProductId(long value) {

	public ProductId {
		if (value <= 0) {
			throw new IllegalArgumentException("A product id is a positive number, not " + value);
		}
	}

	public static ProductId of(long value) {
		return new ProductId(value);
	}

	/** The SKU the legacy shop gives this product ({@code SKU-000042} for id 42): how inventory knows it. */
	public Sku legacySku() {
		return new Sku("SKU-%06d".formatted(value));
	}

	@Override
	public String toString() {
		return Long.toString(value);
	}
}
