package com.retailflow.legacy.internal;

import java.time.Duration;
import java.util.Currency;

import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.translation.LegacyTranslation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

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
