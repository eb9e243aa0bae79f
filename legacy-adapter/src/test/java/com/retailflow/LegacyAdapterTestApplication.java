package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Test bootstrap at the root package: the adapter with the modules it adapts to (catalog, inventory, proxy),
 * as Spring Modulith sees them in production.
 */
@SpringBootApplication
class LegacyAdapterTestApplication {
}
