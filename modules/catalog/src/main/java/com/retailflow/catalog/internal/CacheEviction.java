package com.retailflow.catalog.internal;

import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Sku;

/** What a catalog change makes stale, as sent between instances (the payload of a notification). */
sealed interface CacheEviction {

	/** The channel of PostgreSQL notifications that carry evictions. */
	String CHANNEL = "catalog_cache";

	String payload();

	void applyTo(CatalogCache cache);

	record OfProduct(ProductId id) implements CacheEviction {

		@Override
		public String payload() {
			return "product " + id.value();
		}

		@Override
		public void applyTo(CatalogCache cache) {
			cache.evictProduct(id);
		}
	}

	record OfStock(Sku sku) implements CacheEviction {

		@Override
		public String payload() {
			return "stock " + sku.code();
		}

		@Override
		public void applyTo(CatalogCache cache) {
			cache.evictStock(sku);
		}
	}

	record OfEverything() implements CacheEviction {

		@Override
		public String payload() {
			return "all";
		}

		@Override
		public void applyTo(CatalogCache cache) {
			cache.evictAll();
		}
	}

	/** The eviction a payload names; one that cannot be read evicts everything rather than nothing. */
	static CacheEviction parse(String payload) {
		try {
			if (payload.startsWith("product ")) {
				return new OfProduct(ProductId.of(Long.parseLong(payload.substring("product ".length()))));
			}
			if (payload.startsWith("stock ")) {
				return new OfStock(new Sku(payload.substring("stock ".length())));
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to everything
		}
		return new OfEverything();
	}
}
