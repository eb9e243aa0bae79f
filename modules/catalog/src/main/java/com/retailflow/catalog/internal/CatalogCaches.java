package com.retailflow.catalog.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.inventory.Availability;
import com.retailflow.inventory.Sku;

/**
 * The catalog's read caches: Caffeine, bounded in entries, with statistics. Writes on any instance evict them
 * ({@link CacheEvictions}); an expiry long after they were written is only the safety net.
 *
 * <p>They are used directly rather than through {@code @Cacheable}: invalidation has to be exact under concurrency
 * (see below), and bulk availability loads need {@code getAll}. They are still exposed as a Spring
 * {@link CacheManager} ({@code catalogCacheManager}) so that Spring Boot binds their statistics to Micrometer
 * ({@code cache.gets}, {@code cache.evictions}, … tagged {@code cache=catalog.products}, {@code cache.manager=catalog})
 * and the caches actuator endpoint lists them.
 *
 * <p><b>Why invalidation cannot serve stale data.</b> Writers evict after their transaction committed. A reader that
 * loaded the old row before the commit could otherwise put it back after the eviction:
 * <ul>
 * <li>Single keys (a product, the category tree) load inside Caffeine's atomic per-key compute; an eviction of that key
 * waits for the load in flight and then removes its result.</li>
 * <li>Wholesale evictions cannot wait for loads of keys not yet present, so keys carry a generation number that the
 * eviction increments after commit (listings: every catalog change; products: bulk imports). A value loaded under the
 * old generation lands under a key nobody asks for any more.</li>
 * <li>Availability is loaded in bulk, which Caffeine does not do atomically; a bulk load therefore re-checks a stock
 * generation after storing and drops what it stored if any stock changed meanwhile.</li>
 * </ul>
 */
@Component
class CatalogCaches implements CatalogCache {

	static final String PRODUCTS = "catalog.products";
	static final String AVAILABILITY = "catalog.availability";
	static final String CATEGORY_PAGES = "catalog.category-pages";
	static final String SEARCH_PAGES = "catalog.search-pages";
	static final String CATEGORIES = "catalog.categories";

	private static final String TREE = "tree";

	/** A listing query under the catalog generation it was loaded in. */
	record ListingKey(long generation, Object query) {
	}

	/** A product under the import generation it was loaded in (bulk imports cannot evict key by key). */
	record ProductKey(long generation, ProductId id) {
	}

	private final Cache<ProductKey, Optional<Product>> products;
	private final Cache<Sku, Availability> availability;
	private final Cache<ListingKey, Listing> categoryPages;
	private final Cache<ListingKey, Listing> searchPages;
	private final Cache<String, CategoryTree> categories;
	private final AtomicLong catalogGeneration = new AtomicLong();
	private final AtomicLong stockGeneration = new AtomicLong();
	private final AtomicLong importGeneration = new AtomicLong();
	private final int firstPages;

	CatalogCaches(CatalogSettings settings) {
		var bounds = settings.caches();
		Duration ttl = bounds.expireAfterWrite();
		this.products = build(bounds.products(), ttl);
		this.availability = build(bounds.availability(), ttl);
		this.categoryPages = build(bounds.categoryPages(), ttl);
		this.searchPages = build(bounds.searchPages(), ttl);
		// The category tree is one entry; it changes only through imports, which evict it here.
		this.categories = build(1, ttl);
		this.firstPages = bounds.firstPages();
	}

	private static <K, V> Cache<K, V> build(long maximumSize, Duration ttl) {
		return Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).recordStats().build();
	}

	Optional<Product> product(ProductId id, Function<ProductId, Optional<Product>> loader) {
		return products.get(new ProductKey(importGeneration.get(), id), key -> loader.apply(key.id()));
	}

	CategoryTree categoryTree(Supplier<CategoryTree> loader) {
		return categories.get(TREE, key -> loader.get());
	}

	/** A listing page, cached if it is one of the first pages. */
	Listing listing(boolean search, int page, Object query, Supplier<Listing> loader) {
		if (page > firstPages) {
			return loader.get();
		}
		var cache = search ? searchPages : categoryPages;
		return cache.get(new ListingKey(catalogGeneration.get(), query), key -> loader.get());
	}

	/** Availability of many SKUs, loading the missing ones in one call. */
	Map<Sku, Availability> availability(Collection<Sku> skus, Function<Collection<Sku>, Map<Sku, Availability>> loader) {
		Map<Sku, Availability> cached = availability.getAllPresent(skus);
		if (cached.size() == skus.size()) {
			return cached;
		}
		List<Sku> missing = skus.stream().filter(sku -> !cached.containsKey(sku)).distinct().toList();
		long generation = stockGeneration.get();
		Map<Sku, Availability> loaded = loader.apply(missing);
		availability.putAll(loaded);
		if (stockGeneration.get() != generation) {
			// Stock changed while we were loading: what we just stored may predate it.
			availability.invalidateAll(loaded.keySet());
		}
		var result = new LinkedHashMap<Sku, Availability>(cached);
		result.putAll(loaded);
		return result;
	}

	// ---- invalidation, called after commit (here or on another instance) ----

	@Override
	public void evictProduct(ProductId id) {
		products.invalidate(new ProductKey(importGeneration.get(), id));
		listingsChanged();
	}

	@Override
	public void evictStock(Sku sku) {
		stockGeneration.incrementAndGet();
		availability.invalidate(sku);
	}

	@Override
	public void evictAll() {
		importGeneration.incrementAndGet();
		stockGeneration.incrementAndGet();
		products.invalidateAll();
		availability.invalidateAll();
		categories.invalidate(TREE);
		listingsChanged();
	}

	private void listingsChanged() {
		catalogGeneration.incrementAndGet();
		categoryPages.invalidateAll();
		searchPages.invalidateAll();
	}

	/** The caches as a Spring cache manager, for Boot's cache metrics and the caches endpoint. */
	CacheManager cacheManager() {
		var manager = new SimpleCacheManager();
		manager.setCaches(List.of(springCache(PRODUCTS, products), springCache(AVAILABILITY, availability),
				springCache(CATEGORY_PAGES, categoryPages), springCache(SEARCH_PAGES, searchPages),
				springCache(CATEGORIES, categories)));
		return manager;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static CaffeineCache springCache(String name, Cache cache) {
		return new CaffeineCache(name, cache, false);
	}
}
