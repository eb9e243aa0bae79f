package com.retailflow.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Sku;

/** Evictions survive the trip through a notification payload; one that cannot be read evicts everything. */
class CacheEvictionTests {

	@Test
	void payloadsRoundTrip() {
		for (CacheEviction eviction : new CacheEviction[] { new CacheEviction.OfProduct(ProductId.of(42)),
				new CacheEviction.OfStock(new Sku("SKU-000042")), new CacheEviction.OfEverything() }) {
			assertThat(CacheEviction.parse(eviction.payload())).isEqualTo(eviction);
		}
	}

	@Test
	void anUnreadablePayloadEvictsEverything() {
		for (String payload : new String[] { "", "product", "product x", "product -1", "stock ", "rebuild" }) {
			assertThat(CacheEviction.parse(payload)).as(payload).isEqualTo(new CacheEviction.OfEverything());
		}
	}
}
