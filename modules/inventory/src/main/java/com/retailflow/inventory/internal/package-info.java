/**
 * Inventory internals: persistence (plain JDBC on the {@code inventory} schema), settings and the expiry job. Nothing
 * here is for other modules.
 */
@NullMarked
package com.retailflow.inventory.internal;

import org.jspecify.annotations.NullMarked;
