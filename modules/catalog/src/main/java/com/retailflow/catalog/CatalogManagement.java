package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.retailflow.inventory.RangeChecksum;

/**
 * The catalog module's API: products, categories and exact prices for the storefront, search and filtering, and the
 * write side the legacy adapter keeps in sync with the legacy shop.
 *
 * <p>Reads are served from Caffeine caches that every write invalidates as soon as its transaction commits (through the
 * events below and inventory's stock events), so a price change or a stock change is visible to the next read on this
 * instance; other instances see it when their short-lived entries expire.
 *
 * <p>Writes publish past-tense events inside their transaction, so they reach Spring Modulith's event publication
 * registry atomically with the change: {@link ProductChanged}, {@link PriceChanged}, {@link CategoryRemoved}, once per batch of single writes
 * {@link ProductsChanged} and, once per bulk import,
 * {@link CatalogImported}.
 */
public interface CatalogManagement {

	// ---- reads ----

	/**
	 * A product with its category and current availability, whatever its status: callers decide what a status means
	 * to them (the storefront answers {@link ProductStatus#HIDDEN} products with 404, shows
	 * {@link ProductStatus#DISCONTINUED} ones as no longer sold, and sells only {@link ProductView#buyable()} ones).
	 *
	 * @return the product, or empty if the catalog has no such product
	 */
	Optional<ProductView> product(ProductId id);

	/**
	 * Lists and searches active products: full-text search (name words rank above description words, the last word
	 * also matches as a prefix), category including subcategories, price range, order and page. The order is total
	 * (ties broken by product id), so consecutive pages neither repeat nor skip products.
	 *
	 * @return the page asked for; empty items (and the true total) if it is past the last page
	 */
	ProductPage search(ProductQuery query);

	/**
	 * The home page's featured products: the first active products, by id, that are in stock.
	 *
	 * @param limit at most this many, 1 to 100
	 */
	List<ProductView> featured(int limit);

	/**
	 * The product as stored at this moment, bypassing the caches, whatever its status: for the legacy sync, which
	 * must never act on a cached copy.
	 */
	Optional<Product> storedProduct(ProductId id);

	/** A category by its legacy id. */
	Optional<Category> categoryById(long id);

	/** A category by its URL name, e.g. {@code coffee-and-tea}. */
	Optional<Category> categoryBySlug(String slug);

	/** All categories, ordered by id like the legacy shop; {@link Category#parentId()} gives the tree. */
	List<Category> categories();

	/** The direct subcategories of a category, ordered by id; empty for an unknown category or a leaf. */
	List<Category> subcategories(long categoryId);

	// ---- writes (legacy adapter, back office) ----

	/**
	 * Inserts or updates categories by id, in one transaction, as set-based upserts. Rows equal to the stored ones are
	 * left alone. Publishes one {@link CatalogImported} if anything was written.
	 *
	 * @throws IllegalArgumentException if two different ids claim one slug within the call
	 * @throws org.springframework.dao.DuplicateKeyException if a slug is taken by another stored category
	 */
	ImportResult importCategories(List<Category> categories);

	/**
	 * Inserts or updates products by id for backfills of millions of rows: the rows are COPied into a staging table and
	 * upserted from it in one statement, all in one transaction (the caller's, if it has one: callers that checkpoint
	 * call it once per chunk inside their own transaction, and may do so from several threads for disjoint chunks). Rows equal to the stored ones are not rewritten, so running the same import
	 * twice writes nothing the second time. Publishes one {@link CatalogImported} if anything was written, never an
	 * event per product.
	 *
	 * @throws IllegalArgumentException if a price is not in the shop currency; nothing is written
	 * @throws org.springframework.dao.DuplicateKeyException if a SKU belongs to another product
	 */
	ImportResult importProducts(List<Product> products);

	/**
	 * Inserts or updates one product. Publishes {@link ProductChanged} if it was created or changed, and
	 * {@link PriceChanged} if the price of an existing product changed.
	 *
	 * @return whether anything was written
	 * @throws IllegalArgumentException if the price is not in the shop currency
	 */
	boolean upsertProduct(Product product);

	/**
	 * Brings many products to these values at once, as {@link #upsertProduct} does one (the legacy change stream, one
	 * call per batch): one locking read of the stored rows, one set-based upsert of those that differ, in one
	 * transaction (the caller's, if it has one). Their full-text documents are stored with the rows, so they are
	 * searchable at once. Publishes one {@link ProductsChanged} if anything was written, instead of an event per
	 * product.
	 *
	 * @return the products that were created or changed; rows equal to the stored ones are left alone
	 * @throws IllegalArgumentException if a price is not in the shop currency; nothing is written
	 * @throws org.springframework.dao.DuplicateKeyException if a SKU belongs to another product
	 */
	List<ProductId> upsertProducts(List<Product> products);

	/**
	 * Sets a product's price. Publishes {@link PriceChanged} if it differs from the current one.
	 *
	 * @return whether the price changed
	 * @throws UnknownProduct if there is no such product
	 * @throws IllegalArgumentException if the price is negative or not in the shop currency
	 */
	boolean changePrice(ProductId id, Money price);

	/**
	 * Removes a product that no longer exists (deleted on the legacy shop): afterwards {@link #product} finds nothing
	 * and the storefront answers 404. Publishes {@link ProductChanged} if there was such a product. Its stock is
	 * inventory's and stays there.
	 *
	 * @return whether a product was removed
	 */
	boolean removeProduct(ProductId id);

	/**
	 * Removes a category that no longer exists. Products listed in it keep their category id (the legacy shop has no
	 * foreign keys either) and show without a category until they are moved. Publishes {@link CategoryRemoved} if
	 * there was such a category.
	 *
	 * @return whether a category was removed
	 */
	boolean removeCategory(long id);


	// ---- reconciliation with the legacy shop ----

	/**
	 * Counts and checksums of the stored categories over consecutive id ranges, computed in SQL.
	 *
	 * @param bounds {@code b0 … bn} describe n ranges {@code [b(i), b(i+1))}, ascending; the first and last may be null
	 *        for unbounded
	 * @return n checksums, one per range, each the XOR of {@link Category#digest()} over its categories
	 * @throws IllegalArgumentException for fewer than two bounds, or null bounds inside the list
	 */
	List<RangeChecksum> categoryChecksums(List<@Nullable Long> bounds);

	/** Each stored category's {@link Category#digest()} by id in {@code [from, to)} (null for unbounded). */
	Map<Long, Long> categoryDigests(@Nullable Long from, @Nullable Long to);

	/** {@link #categoryChecksums} for products, with {@link Product#digest()}. */
	List<RangeChecksum> productChecksums(List<@Nullable Long> bounds);

	/** Each stored product's {@link Product#digest()} by id in {@code [from, to)} (null for unbounded). */
	Map<Long, Long> productDigests(@Nullable Long from, @Nullable Long to);
}
