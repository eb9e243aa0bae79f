package com.retailflow.catalog.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evicts catalog caches on every instance: on this one right after the change commits, on the others through a
 * PostgreSQL notification on {@value CacheEviction#CHANNEL}, which {@link CacheEvictionListener} receives.
 *
 * <p>The notification is sent on the writer's own connection, inside its transaction: PostgreSQL delivers it when,
 * and only if, the transaction commits — no eviction for a rolled-back change, and none lost between a commit and a
 * separate send. Identical notifications of one transaction are delivered once (PostgreSQL folds them), so a bulk
 * change of many rows costs one message per distinct eviction. Each message names its sender
 * ({@code product 42 from <instance>}): this instance receives its own too and skips it, since it evicted at commit
 * already; a second, late eviction would only throw away entries read after the change.
 */
@Component
class CacheEvictions {

	private static final Logger log = LoggerFactory.getLogger(CacheEvictions.class);

	private static final String FROM = " from ";

	private final JdbcTemplate jdbc;
	private final ObjectProvider<CatalogCache> caches;
	private final String instance = UUID.randomUUID().toString();

	CacheEvictions(JdbcTemplate jdbc, ObjectProvider<CatalogCache> caches) {
		this.jdbc = jdbc;
		this.caches = caches;
	}

	/** Called where the change is made: inside its transaction if there is one. */
	void announce(CacheEviction eviction) {
		notifyOtherInstances(eviction);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// After, not before, the commit: evicted before, a concurrent read could reload the old row and cache it.
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					evictHere(eviction);
				}
			});
		}
		else {
			evictHere(eviction);
		}
	}

	/**
	 * A notification from any instance: evicted here unless this instance sent it. A message without a sender
	 * evicts too.
	 */
	void received(String message) {
		int from = message.lastIndexOf(FROM);
		if (from >= 0 && message.substring(from + FROM.length()).equals(instance)) {
			return;
		}
		evictHere(CacheEviction.parse(from >= 0 ? message.substring(0, from) : message));
	}

	/** Evicts from every cache of this instance; one failing cache does not keep the others stale. */
	void evictHere(CacheEviction eviction) {
		caches.orderedStream().forEach(cache -> {
			try {
				eviction.applyTo(cache);
			}
			catch (RuntimeException ex) {
				log.warn("Cache {} failed to evict {}: {}", cache.getClass().getSimpleName(), eviction.payload(), ex.toString());
			}
		});
	}

	private void notifyOtherInstances(CacheEviction eviction) {
		jdbc.query("SELECT pg_notify(?, ?)", rows -> null, CacheEviction.CHANNEL,
				eviction.payload() + FROM + instance);
	}
}
