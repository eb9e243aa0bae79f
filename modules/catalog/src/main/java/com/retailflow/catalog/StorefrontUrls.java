package com.retailflow.catalog;

/**
 * The storefront's URL scheme for catalog pages, in one place: the catalog's pages and API, and the legacy adapter's
 * translation of legacy URLs, all build their links here.
 */
public final class StorefrontUrls {

	private StorefrontUrls() {
	}

	/** {@code /products/42} */
	public static String product(ProductId id) {
		return product(id.value());
	}

	/** {@code /products/42} */
	public static String product(long id) {
		return "/products/" + id;
	}

	/** {@code /categories/coffee-and-tea} */
	public static String category(Category category) {
		return category(category.slug());
	}

	/** {@code /categories/coffee-and-tea} */
	public static String category(String slug) {
		return "/categories/" + slug;
	}
}
