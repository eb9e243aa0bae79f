/**
 * Identity: customer accounts, registration, sign-in and roles (shopper, admin).
 */
@NullMarked
@ApplicationModule(displayName = "Identity", allowedDependencies = {  })
package com.retailflow.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
