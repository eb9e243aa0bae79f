package com.retailflow.catalog.internal;

import java.time.Duration;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalog module ({@code retailflow.catalog.*}).
 *
 * @param currency the shop currency: every price is in it, and price filters are read in it
 * @param pageSize products per storefront page (the legacy shop shows 20)
 * @param importChunk rows per upsert statement in bulk imports
 * @param caches bounds and lifetimes of the read caches
 */
@ConfigurationProperties("retailflow.catalog")
public record CatalogSettings(@DefaultValue("EUR") Currency currency, @DefaultValue("20") int pageSize,
		@DefaultValue("5000") int importChunk, @DefaultValue Caches caches) {

	public CatalogSettings {
		if (pageSize < 1 || pageSize > 100) {
			throw new IllegalArgumentException("retailflow.catalog.page-size must be 1 to 100");
		}
		if (importChunk < 1 || importChunk > 50_000) {
			throw new IllegalArgumentException("retailflow.catalog.import-chunk must be 1 to 50000");
		}
	}

	/**
	 * Every cache is bounded in entries. Writes on any instance evict them (a PostgreSQL notification reaches the other
	 * instances); entries still expire {@code expireAfterWrite} after they were loaded, which bounds the staleness a
	 * write made behind the application's back (plain SQL, no notification) can cause.
	 *
	 * @param products product detail entries (cache {@code catalog.products})
	 * @param availability availability per SKU ({@code catalog.availability})
	 * @param categoryPages cached category and all-product listing pages ({@code catalog.category-pages})
	 * @param searchPages cached search result pages ({@code catalog.search-pages})
	 * @param firstPages listing pages up to this number are cached; deeper pages are rare and always read
	 * @param expireAfterWrite the safety net for writes that announce nothing
	 */
	public record Caches(@DefaultValue("50000") long products, @DefaultValue("100000") long availability,
			@DefaultValue("5000") long categoryPages, @DefaultValue("10000") long searchPages,
			@DefaultValue("3") int firstPages, @DefaultValue("10m") Duration expireAfterWrite) {

		public Caches {
			if (products < 1 || availability < 1 || categoryPages < 1 || searchPages < 1) {
				throw new IllegalArgumentException("retailflow.catalog.caches sizes must be positive");
			}
			if (expireAfterWrite.isNegative() || expireAfterWrite.isZero()) {
				throw new IllegalArgumentException("retailflow.catalog.caches.expire-after-write must be positive");
			}
		}
	}
}
