package com.retailflow.legacy.internal;

import java.time.Duration;
import java.util.Currency;

import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.translation.LegacyTranslation;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/** Turns on the adapter's settings, the one {@link LegacyTranslation}, and the backfill after start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LegacySettings.class)
class LegacyAdapterConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LegacyAdapterConfiguration.class);

	private final LegacySettings settings;
	private final ObjectProvider<Backfill> backfill;

	LegacyAdapterConfiguration(LegacySettings settings, ObjectProvider<Backfill> backfill) {
		this.settings = settings;
		this.backfill = backfill;
	}

	/**
	 * Ahead of the proxy's filter ({@code HIGHEST_PRECEDENCE + 30}), so that requests to either side bump the
	 * shopper's private-content version (a request the proxy forwards to legacy goes no further down the chain);
	 * only the shopper's own requests, not error or forward dispatches.
	 */
	@Bean
	FilterRegistrationBean<PrivateContentFilter> privateContentFilter(KeptShopperStates kept) {
		var registration = new FilterRegistrationBean<>(new PrivateContentFilter(kept));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
		registration.addUrlPatterns("/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	LegacyTranslation legacyTranslation() {
		return new LegacyTranslation(Currency.getInstance(settings.currency()));
	}

	/**
	 * Starts (or resumes) the initial copy once the application is ready, on a thread of its own: readiness never
	 * waits for it, and the proxy serves (legacy answers everything while routes are LEGACY) even when the legacy
	 * database is slow or briefly down. It retries; completed tables are not copied again.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void backfillOnStart() {
		if (!settings.backfillOnStart()) {
			return;
		}
		Thread.ofVirtual().name("legacy-backfill").start(() -> {
			for (int attempt = 1; attempt <= 20; attempt++) {
				try {
					backfill.getObject().run();
					return;
				}
				catch (RuntimeException ex) {
					log.warn("Backfill from legacy failed (attempt {}), retrying in 15 s: {}", attempt, ex.getMessage());
					try {
						Thread.sleep(Duration.ofSeconds(15));
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		});
	}
}
