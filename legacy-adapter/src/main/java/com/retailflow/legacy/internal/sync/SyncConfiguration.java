package com.retailflow.legacy.internal.sync;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Turns on the change stream's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncSettings.class)
class SyncConfiguration {
}
