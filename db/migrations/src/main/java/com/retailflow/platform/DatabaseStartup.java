package com.retailflow.platform;

import java.net.InetAddress;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Before anything uses the application's PostgreSQL, wait until it accepts a sign-in ({@link DatabaseStartupWait}),
 * answering probes as not ready meanwhile ({@link NotReadyProbes}). Off with
 * {@code retailflow.database.wait-on-start=false}.
 */
@AutoConfiguration
public class DatabaseStartup {

	@Bean
	static BeanPostProcessor databaseStartupWait(Environment environment) {
		boolean enabled = environment.getProperty("retailflow.database.wait-on-start", Boolean.class, true);
		Duration retryEvery = environment.getProperty("retailflow.database.wait-retry", Duration.class, Duration.ofSeconds(2));
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// The application's pool: Boot's "dataSource", or "primaryDataSource" when a read replica is configured.
				if (enabled && bean instanceof DataSource dataSource
						&& (beanName.equals("dataSource") || beanName.equals("primaryDataSource"))) {
					var wait = DatabaseStartupWait.of(dataSource, retryEvery);
					if (wait != null) {
						var probes = probes(environment);
						wait.await(probes::start, probes::stop);
					}
				}
				return bean;
			}
		};
	}

	private static NotReadyProbes probes(Environment environment) {
		int port = environment.getProperty("server.port", Integer.class, 8080);
		String address = environment.getProperty("server.address");
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		try {
			return new NotReadyProbes(address == null ? null : InetAddress.getByName(address), port, basePath);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException("server.address " + address + " is unknown", ex);
		}
	}
}
