package com.retailflow.catalog.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.retailflow.catalog.CatalogImported;
import com.retailflow.catalog.CategoryRemoved;
import com.retailflow.catalog.PriceChanged;
import com.retailflow.catalog.ProductChanged;
import com.retailflow.inventory.StockChanged;
import com.retailflow.inventory.StockImported;

/**
 * Evicts cached catalog reads when the catalog or stock changes, synchronously, right after the change commits.
 *
 * <p>Why not {@code @ApplicationModuleListener}: that listener runs asynchronously in a new transaction and is
 * recorded in the event publication registry. A price change would become visible only when another thread got round
 * to it, and every stock reservation would cost an extra registry row (insert plus completion update) for what is an
 * in-memory eviction, which needs no retry after a crash (the cache dies with the process).
 *
 * <p>Why not {@code @TransactionalEventListener(AFTER_COMMIT)} either: Spring Modulith records every after-commit
 * transactional listener in that registry too. So this is a plain, synchronous {@code @EventListener} that registers
 * the eviction as an after-commit callback of the publisher's transaction (or evicts at once without one). Evicting
 * after, not before, the commit matters: evicted before, a concurrent read could reload the old row and cache it again.
 *
 * <p>Other instances do not receive these events; their entries expire after
 * {@code retailflow.catalog.caches.expire-after-write}.
 */
@Component
class CacheInvalidation {

	private final CatalogCaches caches;

	CacheInvalidation(CatalogCaches caches) {
		this.caches = caches;
	}

	@EventListener
	void on(ProductChanged event) {
		afterCommit(() -> caches.productChanged(event.productId()));
	}

	@EventListener
	void on(PriceChanged event) {
		afterCommit(() -> caches.productChanged(event.productId()));
	}

	@EventListener
	void on(CatalogImported event) {
		afterCommit(switch (event.kind()) {
			case CATEGORIES -> caches::categoriesImported;
			case PRODUCTS -> caches::productsImported;
		});
	}

	@EventListener
	void on(CategoryRemoved event) {
		afterCommit(caches::categoriesImported);
	}

	@EventListener
	void on(StockChanged event) {
		afterCommit(() -> caches.stockChanged(event.sku()));
	}

	@EventListener
	void on(StockImported event) {
		afterCommit(caches::stockImported);
	}

	private static void afterCommit(Runnable eviction) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					eviction.run();
				}
			});
		}
		else {
			eviction.run();
		}
	}
}
