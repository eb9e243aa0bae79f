package com.retailflow.catalog.internal.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.InvalidProductQuery;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductQuery;
import com.retailflow.catalog.ProductSort;
import com.retailflow.catalog.internal.web.ApiResources.ProductListResource;
import com.retailflow.catalog.internal.web.ApiResources.ProductResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/products}: listing with search, filters and paging, and product detail. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "The catalog: search, filter and read products with price and availability. "
		+ "Errors are RFC 9457 problems (application/problem+json) of type /api/v1/problems/invalid-parameter (400, "
		+ "with a 'parameter' member naming the culprit) or /api/v1/problems/not-found (404).")
class ProductApi {

	private final CatalogManagement catalog;

	ProductApi(CatalogManagement catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "List and search active products",
			description = "Full-text search (name matches rank above description matches; the last word also matches "
					+ "as a prefix), category filter including subcategories, price range, sort and page-based paging "
					+ "with a stable order.")
	@ApiResponse(responseCode = "200", description = "A page of products (empty past the last page)")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = org.springframework.http.ProblemDetail.class)))
	ProductListResource list(
			@Parameter(description = "Search words; \"quotes\", -exclusion and `or` work as in web search engines")
			@RequestParam(required = false) @Nullable String q,
			@Parameter(description = "Category slug or id; its subcategories are included")
			@RequestParam(required = false) @Nullable String category,
			@Parameter(description = "Lowest price in the shop currency, e.g. 10.00")
			@RequestParam(required = false) @Nullable BigDecimal minPrice,
			@Parameter(description = "Highest price in the shop currency")
			@RequestParam(required = false) @Nullable BigDecimal maxPrice,
			@Parameter(description = "relevance, price_asc, price_desc, name or newest",
					schema = @Schema(allowableValues = { "relevance", "price_asc", "price_desc", "name", "newest" }))
			@RequestParam(defaultValue = "relevance") String sort,
			@Parameter(description = "Page number, from 1") @RequestParam(defaultValue = "1") int page,
			@Parameter(description = "Products per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
		var query = new ProductQuery(q, categoryId(category), minPrice, maxPrice, ProductSort.fromParameter(sort), page,
				size);
		return ProductListResource.of(catalog.search(query));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One product with its price, category and availability")
	@ApiResponse(responseCode = "200", description = "The product")
	@ApiResponse(responseCode = "400", description = "The id is not a positive number",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = org.springframework.http.ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such product",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = org.springframework.http.ProblemDetail.class)))
	ProductResource product(@Parameter(description = "The product id (the legacy shop's id)") @PathVariable long id) {
		if (id <= 0) {
			throw new InvalidProductQuery("id", "A product id is a positive number");
		}
		return catalog.product(ProductId.of(id))
			.filter(view -> view.product().status().visibleToShoppers())
			.map(ProductResource::of)
			.orElseThrow(() -> new ApiNotFound("No product " + id));
	}

	private @Nullable Long categoryId(@Nullable String category) {
		if (category == null || category.isBlank()) {
			return null;
		}
		String value = category.strip();
		var found = value.chars().allMatch(Character::isDigit) && value.length() <= 18
				? catalog.categoryById(Long.parseLong(value))
				: catalog.categoryBySlug(value);
		return found.map(Category::id)
			.orElseThrow(() -> new InvalidProductQuery("category", "There is no category '" + value + "'"));
	}
}
