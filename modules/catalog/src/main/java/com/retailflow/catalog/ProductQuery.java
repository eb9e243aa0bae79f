package com.retailflow.catalog;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a shopper asks of the catalog: optional search text, an optional category (its subcategories included), an
 * optional price range, an order and a page. Only active products are ever listed.
 *
 * <p>Validated on construction, so an invalid query never reaches the database.
 *
 * @param text search words, {@code null} to list without searching; trimmed, runs of white space collapsed, cut to
 *        {@value #MAX_TEXT} characters (like the legacy shop)
 * @param categoryId only products of this category or any category below it; {@code null} for all
 * @param minPrice only products costing at least this much in the shop currency; {@code null} for no minimum
 * @param maxPrice only products costing at most this much; {@code null} for no maximum
 * @param sort the order
 * @param page the page, from 1
 * @param size products per page, 1 to {@value #MAX_SIZE}
 * @throws InvalidProductQuery if any value is out of range
 */
public record ProductQuery(@Nullable String text, @Nullable Long categoryId, @Nullable BigDecimal minPrice,
		@Nullable BigDecimal maxPrice, ProductSort sort, int page, int size) {

	public static final int MAX_TEXT = 100;
	public static final int MAX_SIZE = 100;
	public static final int DEFAULT_SIZE = 20;
	/** Deep pages cost an ever longer scan; nobody pages past this. */
	public static final int MAX_PAGE = 100_000;
	/** The largest price the catalog stores (NUMERIC(12,2)). */
	static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

	public ProductQuery {
		Objects.requireNonNull(sort, "sort");
		text = normalize(text);
		if (categoryId != null && categoryId <= 0) {
			throw new InvalidProductQuery("category", "A category id is a positive number");
		}
		checkPrice("minPrice", minPrice);
		checkPrice("maxPrice", maxPrice);
		if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
			throw new InvalidProductQuery("minPrice", "The minimum price %s is above the maximum price %s"
				.formatted(minPrice.toPlainString(), maxPrice.toPlainString()));
		}
		if (page < 1 || page > MAX_PAGE) {
			throw new InvalidProductQuery("page", "The page number must be a whole number from 1 to " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidProductQuery("size", "The page size must be a whole number from 1 to " + MAX_SIZE);
		}
	}

	/** The first page of all listed products, in the default order. */
	public static ProductQuery all() {
		return new ProductQuery(null, null, null, null, ProductSort.RELEVANCE, 1, DEFAULT_SIZE);
	}

	/** The first page of products matching {@code text}, best match first. */
	public static ProductQuery search(String text) {
		return all().withText(text);
	}

	/** The first page of a category (and its subcategories), in the default order. */
	public static ProductQuery inCategory(long categoryId) {
		return all().withCategory(categoryId);
	}

	public ProductQuery withText(@Nullable String newText) {
		return new ProductQuery(newText, categoryId, minPrice, maxPrice, sort, page, size);
	}

	public ProductQuery withCategory(@Nullable Long newCategoryId) {
		return new ProductQuery(text, newCategoryId, minPrice, maxPrice, sort, page, size);
	}

	public ProductQuery withPriceRange(@Nullable BigDecimal newMin, @Nullable BigDecimal newMax) {
		return new ProductQuery(text, categoryId, newMin, newMax, sort, page, size);
	}

	public ProductQuery sortedBy(ProductSort newSort) {
		return new ProductQuery(text, categoryId, minPrice, maxPrice, newSort, page, size);
	}

	public ProductQuery page(int newPage, int newSize) {
		return new ProductQuery(text, categoryId, minPrice, maxPrice, sort, newPage, newSize);
	}

	/** Rows to skip before this page. */
	public long offset() {
		return (long) (page - 1) * size;
	}

	private static @Nullable String normalize(@Nullable String text) {
		if (text == null) {
			return null;
		}
		// Control characters (a NUL would make PostgreSQL refuse the text) are white space here.
		String collapsed = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
		if (collapsed.isEmpty()) {
			return null;
		}
		if (collapsed.length() > MAX_TEXT) {
			int end = MAX_TEXT;
			// never split a surrogate pair
			if (Character.isHighSurrogate(collapsed.charAt(end - 1))) {
				end--;
			}
			collapsed = collapsed.substring(0, end).strip();
		}
		return collapsed;
	}

	private static void checkPrice(String parameter, @Nullable BigDecimal price) {
		if (price == null) {
			return;
		}
		if (price.signum() < 0) {
			throw new InvalidProductQuery(parameter, "A price cannot be negative");
		}
		if (price.compareTo(MAX_PRICE) > 0) {
			throw new InvalidProductQuery(parameter, "A price cannot be above " + MAX_PRICE.toPlainString());
		}
		if (price.stripTrailingZeros().scale() > 2) {
			throw new InvalidProductQuery(parameter, "A price has at most two decimals");
		}
	}
}
