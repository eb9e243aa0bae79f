package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Test bootstrap at the root package: the adapter with the modules it adapts to (catalog, inventory, proxy),
 * as Spring Modulith sees them in production.
 */
@SpringBootApplication
@EnableScheduling // as RetailFlowApplication
class LegacyAdapterTestApplication {
}
