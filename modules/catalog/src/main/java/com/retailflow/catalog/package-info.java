/**
 * Catalog: products, categories, exact-money prices, full-text search, the storefront pages and the product JSON API.
 */
@NullMarked
@ApplicationModule(displayName = "Catalog", allowedDependencies = { "inventory", "kernel" })
package com.retailflow.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
