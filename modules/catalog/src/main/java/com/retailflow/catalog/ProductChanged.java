package com.retailflow.catalog;

/**
 * Published when a product was created or any of its data changed through {@link CatalogManagement#upsertProduct},
 * or when it was removed ({@link CatalogManagement#removeProduct}: {@link CatalogManagement#product} then finds nothing).
 * Price changes additionally publish {@link PriceChanged}.
 *
 * @param productId the product
 */
public record ProductChanged(ProductId productId) {
}
