package com.retailflow.catalog.internal.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.catalog.Category;
import com.retailflow.kernel.Money;
import com.retailflow.catalog.ProductPage;
import com.retailflow.catalog.ProductView;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.inventory.Availability;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON shapes of {@code /api/v1}: stable, documented records, decoupled from the module's value types. */
final class ApiResources {

	private ApiResources() {
	}

	@Schema(name = "Price", description = "An exact price: a decimal string, never a float.")
	record PriceResource(@Schema(example = "14.99") String amount, @Schema(example = "EUR") String currency) {

		static PriceResource of(Money money) {
			return new PriceResource(money.amount().toPlainString(), money.currency().getCurrencyCode());
		}
	}

	@Schema(name = "Availability")
	record AvailabilityResource(
			@Schema(description = "IN_STOCK, LOW or OUT_OF_STOCK", example = "IN_STOCK") String level,
			@Schema(description = "What the storefront shows", example = "Only 3 left") String label,
			@Schema(description = "Units left, given only when stock is LOW (exact stock of plentiful items is not published)",
					nullable = true) @Nullable Integer available) {

		static AvailabilityResource of(Availability availability) {
			Integer available = availability.level() == Availability.Level.LOW ? availability.available() : null;
			return new AvailabilityResource(availability.level().name(), availability.label(), available);
		}
	}

	@Schema(name = "CategoryRef")
	record CategoryRef(long id, String name, String slug) {

		static @Nullable CategoryRef of(@Nullable Category category) {
			return category == null ? null : new CategoryRef(category.id(), category.name(), category.slug());
		}
	}

	@Schema(name = "Product")
	record ProductResource(@Schema(example = "42") long id, @Schema(example = "SKU-000042") String sku, String name,
			String description, PriceResource price,
			@Schema(description = "ACTIVE or DISCONTINUED (hidden products do not exist for the API)") String status,
			@Schema(nullable = true) @Nullable CategoryRef category, AvailabilityResource availability,
			@Schema(description = "Whether it can be put in the cart now") boolean buyable,
			@Schema(description = "The storefront page", example = "/products/42") String url) {

		static ProductResource of(ProductView view) {
			var product = view.product();
			return new ProductResource(product.id().value(), product.sku().code(), product.name(),
					product.description(), PriceResource.of(product.price()), product.status().name(),
					CategoryRef.of(view.category()), AvailabilityResource.of(view.availability()), view.buyable(),
					StorefrontUrls.product(product.id()));
		}
	}

	@Schema(name = "ProductList")
	record ProductListResource(List<ProductResource> items, int page, int size, long totalItems, int totalPages) {

		static ProductListResource of(ProductPage page) {
			return new ProductListResource(page.items().stream().map(ProductResource::of).toList(), page.page(),
					page.size(), page.totalItems(), page.totalPages());
		}
	}

	@Schema(name = "Category")
	record CategoryResource(long id, @Schema(nullable = true) @Nullable Long parentId, String name, String slug,
			@Schema(description = "The storefront page", example = "/categories/coffee-and-tea") String url) {

		static CategoryResource of(Category category) {
			return new CategoryResource(category.id(), category.parentId(), category.name(), category.slug(),
					StorefrontUrls.category(category));
		}
	}

	@Schema(name = "CategoryDetail")
	record CategoryDetailResource(long id, @Schema(nullable = true) @Nullable Long parentId, String name, String slug,
			String url, @Schema(nullable = true) @Nullable CategoryResource parent, List<CategoryResource> children) {
	}
}
