package com.retailflow.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.catalog.CatalogImported;
import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.CategoryRemoved;
import com.retailflow.catalog.ImportResult;
import com.retailflow.kernel.Money;
import com.retailflow.catalog.PriceChanged;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductChanged;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductsChanged;
import com.retailflow.catalog.ProductPage;
import com.retailflow.catalog.ProductQuery;
import com.retailflow.catalog.ProductView;
import com.retailflow.catalog.UnknownProduct;
import com.retailflow.inventory.Availability;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;

/**
 * The catalog module's implementation of {@link CatalogManagement}.
 *
 * <p>Reads go through {@link CatalogCaches} and run without a transaction of their own: each is one or two
 * statements and a cache hit needs no connection at all. Writes are transactional and publish their events inside the
 * transaction; {@link CacheInvalidation} evicts once it committed.
 */
@Service
class CatalogService implements CatalogManagement {

	private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

	/** Featured candidates are read in batches of this many active products. */
	private static final int FEATURED_BATCH = 64;
	/** …and at most this many batches: a shop whose first products are all sold out shows fewer featured ones. */
	private static final int FEATURED_BATCHES = 8;

	private final Products products;
	private final Categories categories;
	private final InventoryManagement inventory;
	private final CatalogCaches caches;
	private final ApplicationEventPublisher events;
	private final CatalogSettings settings;

	CatalogService(Products products, Categories categories, InventoryManagement inventory, CatalogCaches caches,
			ApplicationEventPublisher events, CatalogSettings settings) {
		this.products = products;
		this.categories = categories;
		this.inventory = inventory;
		this.caches = caches;
		this.events = events;
		this.settings = settings;
	}

	// ---- reads ----

	@Override
	public Optional<ProductView> product(ProductId id) {
		return caches.product(id, products::find).map(product -> {
			var availability = availability(List.of(product.sku())).get(product.sku());
			return new ProductView(product, tree().byId(product.categoryId()), availability);
		});
	}

	@Override
	public Optional<Product> storedProduct(ProductId id) {
		return products.find(id);
	}

	@Override
	public ProductPage search(ProductQuery query) {
		CategoryTree tree = tree();
		List<Long> categoryIds = query.categoryId() == null ? null : tree.selfAndDescendants(query.categoryId());
		Listing listing = caches.listing(query.text() != null, query.page(), query,
				() -> products.search(query, categoryIds));
		return new ProductPage(views(listing.products(), tree), query.page(), query.size(), listing.total());
	}

	@Override
	public List<ProductView> featured(int limit) {
		if (limit < 1 || limit > 100) {
			throw new IllegalArgumentException("Feature 1 to 100 products, not " + limit);
		}
		CategoryTree tree = tree();
		List<ProductView> featured = new ArrayList<>();
		for (int batch = 0; batch < FEATURED_BATCHES && featured.size() < limit; batch++) {
			int offset = batch * FEATURED_BATCH;
			Listing candidates = caches.listing(false, batch + 1, "featured@" + offset,
					() -> new Listing(products.firstActive(offset, FEATURED_BATCH), -1));
			for (ProductView view : views(candidates.products(), tree)) {
				if (view.availability().available() > 0 && featured.size() < limit) {
					featured.add(view);
				}
			}
			if (candidates.products().size() < FEATURED_BATCH) {
				break;
			}
		}
		return featured;
	}

	@Override
	public Optional<Category> categoryById(long id) {
		return Optional.ofNullable(tree().byId(id));
	}

	@Override
	public Optional<Category> categoryBySlug(String slug) {
		return Optional.ofNullable(tree().bySlug(slug));
	}

	@Override
	public List<Category> categories() {
		return tree().all();
	}

	@Override
	public List<Category> subcategories(long categoryId) {
		return tree().children(categoryId);
	}

	/** The category tree, for the web layer's navigation and breadcrumbs. */
	CategoryTree tree() {
		return caches.categoryTree(() -> new CategoryTree(categories.all()));
	}

	private List<ProductView> views(List<Product> page, CategoryTree tree) {
		if (page.isEmpty()) {
			return List.of();
		}
		Map<Sku, Availability> availability = availability(page.stream().map(Product::sku).toList());
		return page.stream()
			.map(product -> new ProductView(product, tree.byId(product.categoryId()),
					availability.getOrDefault(product.sku(), Availability.none(product.sku()))))
			.toList();
	}

	private Map<Sku, Availability> availability(List<Sku> skus) {
		return caches.availability(skus, inventory::availabilityOf);
	}

	// ---- writes ----

	@Override
	@Transactional
	public ImportResult importCategories(List<Category> incoming) {
		Map<Long, Category> byId = lastPerId(incoming, Category::id);
		Map<String, Long> slugs = new HashMap<>();
		for (Category category : byId.values()) {
			Long other = slugs.putIfAbsent(category.slug(), category.id());
			if (other != null) {
				throw new IllegalArgumentException(
						"Categories %d and %d both claim slug '%s'".formatted(other, category.id(), category.slug()));
			}
		}
		int written = chunked(new ArrayList<>(byId.values()), categories::upsert);
		var result = new ImportResult(byId.size(), written);
		if (written > 0) {
			events.publishEvent(new CatalogImported(CatalogImported.Kind.CATEGORIES, result.received(), written));
		}
		log.info("Imported categories: {} received, {} written", result.received(), written);
		return result;
	}

	@Override
	@Transactional
	public ImportResult importProducts(List<Product> incoming) {
		Map<Long, Product> byId = lastPerId(incoming, product -> product.id().value());
		byId.values().forEach(product -> requireShopCurrency(product.price()));
		int written = products.importRows(byId.values());
		var result = new ImportResult(byId.size(), written);
		if (written > 0) {
			events.publishEvent(new CatalogImported(CatalogImported.Kind.PRODUCTS, result.received(), written));
		}
		log.debug("Imported products: {} received, {} written", result.received(), written);
		return result;
	}

	@Override
	@Transactional
	public boolean upsertProduct(Product product) {
		requireShopCurrency(product.price());
		Optional<Product> before = products.findForUpdate(product.id());
		if (before.filter(product::equals).isPresent()) {
			return false;
		}
		products.upsert(List.of(product));
		events.publishEvent(new ProductChanged(product.id()));
		before.filter(previous -> !previous.price().equals(product.price()))
			.ifPresent(previous -> events
				.publishEvent(new PriceChanged(product.id(), previous.price(), product.price())));
		return true;
	}

	@Override
	@Transactional
	public List<ProductId> upsertProducts(List<Product> incoming) {
		Map<Long, Product> byId = lastPerId(incoming, product -> product.id().value());
		byId.values().forEach(product -> requireShopCurrency(product.price()));
		if (byId.isEmpty()) {
			return List.of();
		}
		Map<Long, Product> before = products.findForUpdate(byId.keySet());
		List<Product> changed = byId.values()
			.stream()
			.filter(product -> !product.equals(before.get(product.id().value())))
			.toList();
		if (changed.isEmpty()) {
			return List.of();
		}
		products.upsert(changed);
		List<PriceChanged> prices = new ArrayList<>();
		for (Product product : changed) {
			Product previous = before.get(product.id().value());
			if (previous != null && !previous.price().equals(product.price())) {
				prices.add(new PriceChanged(product.id(), previous.price(), product.price()));
			}
		}
		List<ProductId> ids = changed.stream().map(Product::id).toList();
		events.publishEvent(new ProductsChanged(ids, prices));
		return ids;
	}

	@Override
	@Transactional
	public boolean changePrice(ProductId id, Money price) {
		requireShopCurrency(price);
		if (price.isNegative()) {
			throw new IllegalArgumentException("A price cannot be negative: " + price);
		}
		Product before = products.findForUpdate(id).orElseThrow(() -> new UnknownProduct(id));
		if (before.price().equals(price)) {
			return false;
		}
		products.updatePrice(id, price);
		events.publishEvent(new PriceChanged(id, before.price(), price));
		return true;
	}

	@Override
	@Transactional
	public boolean removeProduct(ProductId id) {
		if (!products.delete(id)) {
			return false;
		}
		events.publishEvent(new ProductChanged(id));
		return true;
	}

	@Override
	@Transactional
	public boolean removeCategory(long id) {
		if (!categories.delete(id)) {
			return false;
		}
		events.publishEvent(new CategoryRemoved(id));
		return true;
	}

	// ---- reconciliation ----

	@Override
	public List<RangeChecksum> categoryChecksums(List<@Nullable Long> bounds) {
		return categories.checksums(bounds);
	}

	@Override
	public Map<Long, Long> categoryDigests(@Nullable Long from, @Nullable Long to) {
		return categories.digests(from, to);
	}

	@Override
	public List<RangeChecksum> productChecksums(List<@Nullable Long> bounds) {
		return products.checksums(bounds);
	}

	@Override
	public Map<Long, Long> productDigests(@Nullable Long from, @Nullable Long to) {
		return products.digests(from, to);
	}

	private void requireShopCurrency(Money price) {
		if (!price.currency().equals(settings.currency())) {
			throw new IllegalArgumentException(
					"Prices are in %s, the shop currency, not %s".formatted(settings.currency(), price));
		}
	}

	/** One statement may not touch a row twice, so duplicates of an id within one call collapse: the last one wins. */
	private static <T> Map<Long, T> lastPerId(List<T> rows, Function<T, Long> id) {
		Map<Long, T> byId = LinkedHashMap.newLinkedHashMap(rows.size());
		for (T row : rows) {
			byId.put(id.apply(row), row);
		}
		return byId;
	}

	private <T> int chunked(List<T> rows, Function<List<T>, Integer> upsert) {
		int written = 0;
		for (int from = 0; from < rows.size(); from += settings.importChunk()) {
			written += upsert.apply(rows.subList(from, Math.min(rows.size(), from + settings.importChunk())));
		}
		return written;
	}
}
