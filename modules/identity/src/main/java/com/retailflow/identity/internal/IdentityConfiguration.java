package com.retailflow.identity.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Wires the identity module. {@code identity-defaults.properties} holds what the module needs to run at all (Spring
 * Session's table in the Flyway-created schema, schema initialisation off); as a {@code @PropertySource} it has the
 * lowest precedence, so the application's configuration overrides any of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentitySettings.class)
@PropertySource("classpath:com/retailflow/identity/internal/identity-defaults.properties")
class IdentityConfiguration {
}
