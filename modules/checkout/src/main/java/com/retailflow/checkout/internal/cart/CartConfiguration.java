package com.retailflow.checkout.internal.cart;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CartSettings.class)
class CartConfiguration {
}
