/**
 * Orders: the order lifecycle (placed, paid, shipped, delivered, cancelled) and order history, including the orders
 * legacy holds. Its pages render inside the catalog's storefront layout, the one thing it takes from the catalog.
 */
@NullMarked
@ApplicationModule(displayName = "Orders", allowedDependencies = { "identity", "kernel", "catalog :: storefront" })
package com.retailflow.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
