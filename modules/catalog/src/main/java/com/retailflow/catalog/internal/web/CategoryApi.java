package com.retailflow.catalog.internal.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.catalog.internal.web.ApiResources.CategoryDetailResource;
import com.retailflow.catalog.internal.web.ApiResources.CategoryResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/categories}: the category tree. */
@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "Categories", description = "The shop's category tree")
class CategoryApi {

	private final CatalogManagement catalog;

	CategoryApi(CatalogManagement catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "All categories, by id; parentId gives the tree")
	List<CategoryResource> categories() {
		return catalog.categories().stream().map(CategoryResource::of).toList();
	}

	@GetMapping("/{slug}")
	@Operation(summary = "One category with its parent and subcategories")
	@ApiResponse(responseCode = "200", description = "The category")
	@ApiResponse(responseCode = "404", description = "No such category",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = org.springframework.http.ProblemDetail.class)))
	CategoryDetailResource category(@PathVariable String slug) {
		Category category = catalog.categoryBySlug(slug)
			.orElseThrow(() -> new ApiNotFound("No category '" + slug + "'"));
		CategoryResource parent = category.parentId() == null ? null
				: catalog.categoryById(category.parentId()).map(CategoryResource::of).orElse(null);
		List<CategoryResource> children = catalog.subcategories(category.id())
			.stream()
			.map(CategoryResource::of)
			.toList();
		return new CategoryDetailResource(category.id(), category.parentId(), category.name(), category.slug(),
				StorefrontUrls.category(category), parent, children);
	}
}
