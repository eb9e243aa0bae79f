/**
 * Platform: cross-cutting infrastructure with no business logic (one Flyway per module schema).
 * Wired by auto-configuration; the one type modules use is {@link com.retailflow.platform.ClusterLock}.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", allowedDependencies = {})
package com.retailflow.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
