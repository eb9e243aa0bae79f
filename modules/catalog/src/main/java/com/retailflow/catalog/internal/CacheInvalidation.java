package com.retailflow.catalog.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.retailflow.catalog.CatalogImported;
import com.retailflow.catalog.CategoryRemoved;
import com.retailflow.catalog.PriceChanged;
import com.retailflow.catalog.ProductChanged;
import com.retailflow.catalog.ProductsChanged;
import com.retailflow.inventory.StockChanged;
import com.retailflow.inventory.StockImported;

/**
 * Evicts cached catalog reads when the catalog or stock changes: on this instance synchronously, right after the change
 * commits, and on every other instance through a notification sent with the commit ({@link CacheEvictions}).
 *
 * <p>Why not {@code @ApplicationModuleListener}: that listener runs asynchronously in a new transaction and is
 * recorded in the event publication registry. A price change would become visible only when another thread got round
 * to it, and every stock reservation would cost an extra registry row (insert plus completion update) for what is an
 * in-memory eviction, which needs no retry after a crash (the cache dies with the process).
 *
 * <p>Why not {@code @TransactionalEventListener(AFTER_COMMIT)} either: Spring Modulith records every after-commit
 * transactional listener in that registry too. So this is a plain, synchronous {@code @EventListener}, called inside
 * the publisher's transaction, which is where the notification to other instances must be sent.
 */
@Component
class CacheInvalidation {

	private final CacheEvictions evictions;

	CacheInvalidation(CacheEvictions evictions) {
		this.evictions = evictions;
	}

	@EventListener
	void on(ProductChanged event) {
		evictions.announce(new CacheEviction.OfProduct(event.productId()));
	}

	@EventListener
	void on(PriceChanged event) {
		evictions.announce(new CacheEviction.OfProduct(event.productId()));
	}

	@EventListener
	void on(ProductsChanged event) {
		event.productIds().forEach(id -> evictions.announce(new CacheEviction.OfProduct(id)));
	}

	/** Imports change many rows at once: evicting everything is cheaper than thousands of notifications. */
	@EventListener
	void on(CatalogImported event) {
		evictions.announce(new CacheEviction.OfEverything());
	}

	@EventListener
	void on(CategoryRemoved event) {
		evictions.announce(new CacheEviction.OfEverything());
	}

	@EventListener
	void on(StockChanged event) {
		evictions.announce(new CacheEviction.OfStock(event.sku()));
	}

	@EventListener
	void on(StockImported event) {
		evictions.announce(new CacheEviction.OfEverything());
	}
}
