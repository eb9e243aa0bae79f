package com.retailflow.inventory;

/**
 * Published once per bulk import instead of one {@link StockChanged} per SKU: a backfill of a million SKUs must not
 * produce a million events. Listeners that cache availability should drop their caches wholesale.
 *
 * @param count the number of SKUs whose stock was written
 */
public record StockImported(int count) {
}
