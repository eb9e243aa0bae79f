/**
 * The catalog's implementation: the service behind {@link com.retailflow.catalog.CatalogManagement}, JDBC access to the
 * {@code catalog} schema, the read caches and their event-driven invalidation.
 */
@NullMarked
package com.retailflow.catalog.internal;

import org.jspecify.annotations.NullMarked;
