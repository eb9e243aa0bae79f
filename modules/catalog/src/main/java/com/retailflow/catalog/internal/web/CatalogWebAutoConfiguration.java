package com.retailflow.catalog.internal.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.retailflow.catalog.spi.ShopperContext;
import com.retailflow.catalog.spi.ShopperState;

/**
 * The catalog's fallback for its SPI: an anonymous shopper with an empty cart, used until the legacy adapter (or,
 * later, identity and checkout) provide a {@link ShopperContext}.
 *
 * <p>An auto-configuration, listed in {@code META-INF/spring/…AutoConfiguration.imports}, not a component: only
 * auto-configurations are processed after every application bean is registered, which is what makes
 * {@code @ConditionalOnMissingBean} reliable whatever order the modules are scanned in.
 */
@AutoConfiguration
public class CatalogWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ShopperContext.class)
	ShopperContext anonymousShopperContext() {
		return (request, response) -> ShopperState.anonymous();
	}
}
