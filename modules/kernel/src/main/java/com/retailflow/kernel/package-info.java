/**
 * The shared kernel: value types that catalog, checkout and orders all price things with, so none of them depends on
 * another to hold an amount. Only values live here, no beans and no tables.
 */
@NullMarked
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package com.retailflow.kernel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
