package com.retailflow.catalog.internal;

import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Sku;

/**
 * A cache of catalog data on this instance. Every bean of this type is told when the catalog or stock changes: on the
 * instance that made the change right after its commit, on every other instance through PostgreSQL's LISTEN/NOTIFY
 * ({@link CacheEvictions}). Its entries may therefore live long; an expiry is only the safety net.
 *
 * <p>Calls come from the writer's thread (after commit) and from the notification thread; they must be quick, and
 * may arrive twice for one change.
 */
public interface CatalogCache {

	/** The product's stored data or price changed, or it was removed. */
	void evictProduct(ProductId product);

	/** Stock of this SKU changed: whatever shows its availability is stale. */
	void evictStock(Sku sku);

	/** Anything may have changed: an import, a category change, or notifications were missed. */
	void evictAll();
}
