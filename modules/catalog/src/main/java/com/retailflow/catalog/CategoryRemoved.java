package com.retailflow.catalog;

/**
 * Published when a category was removed through {@link CatalogManagement#removeCategory}. Listeners that cache the
 * category tree should drop it.
 *
 * @param categoryId the legacy id of the category that is gone
 */
public record CategoryRemoved(long categoryId) {
}
