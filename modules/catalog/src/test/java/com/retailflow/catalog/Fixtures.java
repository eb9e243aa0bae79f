package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import java.time.Instant;

import com.retailflow.inventory.Sku;

/** Test data: products and categories with the fields that matter to a test and plausible defaults for the rest. */
final class Fixtures {

	static final Instant CREATED = Instant.parse("2018-01-01T00:00:00Z");

	private Fixtures() {
	}

	static Category category(long id, String name, String slug) {
		return new Category(id, null, name, slug);
	}

	static Category subcategory(long id, long parentId, String name, String slug) {
		return new Category(id, parentId, name, slug);
	}

	static Product product(long id, long categoryId, String name, String price) {
		return product(id, categoryId, name, "", price);
	}

	static Product product(long id, long categoryId, String name, String description, String price) {
		return new Product(ProductId.of(id), ProductId.of(id).legacySku(), categoryId, name, description,
				Money.euros(price), ProductStatus.ACTIVE, CREATED.plusSeconds(id));
	}

	static Sku sku(long id) {
		return ProductId.of(id).legacySku();
	}
}
