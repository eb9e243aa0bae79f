package com.retailflow.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.retailflow.inventory.RangeChecksum;

/**
 * A category of the shop's category tree.
 *
 * @param id the legacy shop's numeric category id, positive
 * @param parentId the parent category's id, {@code null} for a top-level category
 * @param name what shoppers see
 * @param slug the URL name ({@code /categories/coffee-and-tea}): 1 to 100 URL-safe characters, unique
 */
public record Category(long id, @Nullable Long parentId, String name, String slug) {

	private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

	public Category {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(slug, "slug");
		if (id <= 0) {
			throw new IllegalArgumentException("A category id is a positive number, not " + id);
		}
		if (parentId != null && (parentId <= 0 || parentId == id)) {
			throw new IllegalArgumentException("Category " + id + " cannot have parent " + parentId);
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException("Category " + id + " has no name");
		}
		if (!SLUG.matcher(slug).matches()) {
			throw new IllegalArgumentException("Category " + id + " has a slug that is not URL-safe: '" + slug + "'");
		}
	}

	public boolean topLevel() {
		return parentId == null;
	}

	/**
	 * This category's row digest for reconciliation ({@link RangeChecksum#digest} over id, parent id or "", name and
	 * slug), as {@link CatalogManagement#categoryChecksums} computes it over stored rows.
	 */
	public long digest() {
		return RangeChecksum.digest(Long.toString(id), parentId == null ? "" : parentId.toString(), name, slug);
	}
}
