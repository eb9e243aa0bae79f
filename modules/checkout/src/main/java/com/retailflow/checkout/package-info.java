/**
 * Checkout: cart, totals and idempotent order placement through a payment port.
 */
@NullMarked
@ApplicationModule(displayName = "Checkout", allowedDependencies = {  })
package com.retailflow.checkout;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
