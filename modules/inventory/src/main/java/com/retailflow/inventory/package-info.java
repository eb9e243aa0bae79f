/**
 * Inventory: stock per SKU and reservations with expiry that can never oversell; publishes availability to the rest of the system.
 */
@NullMarked
@ApplicationModule(displayName = "Inventory", allowedDependencies = {  })
package com.retailflow.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
