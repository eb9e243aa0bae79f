package com.retailflow.checkout.internal.payment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatedPaymentSettings.class)
class PaymentConfiguration {
}
