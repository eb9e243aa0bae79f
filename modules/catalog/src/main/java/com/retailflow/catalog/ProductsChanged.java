package com.retailflow.catalog;

import java.util.List;

/**
 * Published once per {@link CatalogManagement#upsertProducts} call that changed anything: the products created,
 * changed or removed, and the price changes among them. One event for a batch instead of a {@link ProductChanged}
 * and a {@link PriceChanged} per product, so a listener that is recorded in the event publication registry costs one
 * publication per batch, not two per row.
 *
 * @param productIds every product written, in the order handed in
 * @param priceChanges the products among them whose price changed (not new ones), as {@link PriceChanged} says it
 */
public record ProductsChanged(List<ProductId> productIds, List<PriceChanged> priceChanges) {

	public ProductsChanged {
		productIds = List.copyOf(productIds);
		priceChanges = List.copyOf(priceChanges);
	}
}
