package com.retailflow.inventory;

/** Published whenever the availability of a SKU changed (stock set, reserved, released, expired, confirmed). */
public record StockChanged(Sku sku, Availability availability) {
}
