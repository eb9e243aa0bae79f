/**
 * Checkout: carts (anonymous and signed in), idempotent order placement that reserves stock, and payment through a
 * port. It orchestrates inventory for the orders it places: reserve on placing, confirm on {@code OrderPaid}, release
 * on {@code OrderCancelled}.
 *
 * <p>Carts are a JPA aggregate ({@code Cart}, repository {@code Carts}); the tables where the database is the
 * guarantee (the idempotency store, the checkout ledger, the simulated provider's charges) are written with SQL.
 */
@NullMarked
@ApplicationModule(displayName = "Checkout",
		allowedDependencies = { "orders", "inventory", "catalog", "catalog :: storefront", "identity", "kernel" })
package com.retailflow.checkout;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
