package com.retailflow.checkout.internal.placement;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckoutRecovery.RecoverySettings.class)
class PlacementConfiguration {
}
