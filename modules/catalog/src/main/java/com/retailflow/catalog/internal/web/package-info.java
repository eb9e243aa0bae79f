/**
 * The catalog's web side: the storefront pages (jte templates under {@code src/main/jte/catalog}) and the
 * {@code /api/v1} product and category JSON API. It uses only the module's public API and SPI.
 */
@NullMarked
package com.retailflow.catalog.internal.web;

import org.jspecify.annotations.NullMarked;
