package com.retailflow.checkout.internal.idempotency;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyStore.IdempotencySettings.class)
class IdempotencyConfiguration {
}
