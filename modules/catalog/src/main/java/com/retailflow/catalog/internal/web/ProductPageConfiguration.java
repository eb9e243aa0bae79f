package com.retailflow.catalog.internal.web;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link ProductPageFilter} last in the servlet filter chain, for requests and the proxy's forwards. */
@Configuration(proxyBeanMethods = false)
class ProductPageConfiguration {

	@Bean
	FilterRegistrationBean<ProductPageFilter> productPageFilter(ProductPages pages) {
		var registration = new FilterRegistrationBean<>(new ProductPageFilter(pages));
		registration.addUrlPatterns("/products/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}
}
