/**
 * Identity: customer accounts, registration, sign-in and roles (shopper, admin). Its pages render inside the
 * catalog's storefront layout, the one thing it takes from another module.
 */
@NullMarked
@ApplicationModule(displayName = "Identity", allowedDependencies = { "catalog :: storefront" })
package com.retailflow.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
