/**
 * Orders: the order lifecycle (placed, paid, shipped, delivered, cancelled) and order history.
 */
@NullMarked
@ApplicationModule(displayName = "Orders", allowedDependencies = { "identity", "kernel" })
package com.retailflow.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
