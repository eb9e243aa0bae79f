package com.retailflow.catalog.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Wires the catalog module.
 *
 * <p>{@code catalog-defaults.properties} holds defaults the module needs to run at all (jte renders the templates
 * precompiled at build time). A {@code @PropertySource} has the lowest precedence, so the application's own
 * configuration still overrides every one of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogSettings.class)
@PropertySource("classpath:com/retailflow/catalog/internal/catalog-defaults.properties")
class CatalogConfiguration {

	/**
	 * The catalog caches as their own cache manager, named so that Boot's cache metrics tag them
	 * {@code cache.manager=catalog}. Deliberately not {@code @Primary}: the catalog does not use {@code @Cacheable}.
	 */
	@Bean
	CacheManager catalogCacheManager(CatalogCaches caches) {
		return caches.cacheManager();
	}
}
