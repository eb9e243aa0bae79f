/**
 * Strangler proxy: routes each storefront request to the legacy shop or to the new modules, per route and mode.
 */
@NullMarked
@ApplicationModule(displayName = "Strangler proxy", allowedDependencies = {  })
package com.retailflow.proxy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
