/**
 * Legacy adapter: the anti-corruption layer to the legacy MariaDB schema (data sync, reconciliation, session and cart bridge).
 */
@NullMarked
@ApplicationModule(displayName = "Legacy adapter", allowedDependencies = { "catalog", "catalog :: spi", "checkout :: spi", "identity", "identity :: spi", "inventory", "kernel", "orders", "platform", "proxy" })
package com.retailflow.legacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
