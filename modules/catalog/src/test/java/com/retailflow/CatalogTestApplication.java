package com.retailflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import com.retailflow.catalog.TestShoppers;

/**
 * Boots the catalog module (with inventory, its one dependency) on its own, so {@code @ApplicationModuleTest} works
 * inside this Maven module.
 *
 * <p>It lives in {@code com.retailflow}, like {@code RetailFlowApplication}, not in {@code com.retailflow.catalog}:
 * Spring Modulith treats the direct sub-packages of the application class's package as the application modules, so
 * only from here is {@code com.retailflow.catalog} the module it is in production (from inside it,
 * {@code ..catalog.internal} and {@code ..catalog.spi} would become modules of their own).
 */
@SpringBootApplication
public class CatalogTestApplication {

	/** Stands in for the legacy adapter's session bridge; tests set the shopper they need. */
	@Bean
	TestShoppers testShoppers() {
		return new TestShoppers();
	}
}
