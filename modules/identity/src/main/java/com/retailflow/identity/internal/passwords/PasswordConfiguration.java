package com.retailflow.identity.internal.passwords;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordSettings.class)
class PasswordConfiguration {

	@Bean
	PasswordHashing passwordHashing(PasswordSettings settings) {
		return new PasswordHashing(settings);
	}
}
