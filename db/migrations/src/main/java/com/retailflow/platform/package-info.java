/**
 * Platform: cross-cutting infrastructure with no business logic (one Flyway per module schema).
 * No module depends on it; it is wired by auto-configuration.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", allowedDependencies = {})
package com.retailflow.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
