package com.retailflow.legacy.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Turns on the adapter's settings and, for local runs, the start-up backfill from legacy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LegacySettings.class)
class LegacyAdapterConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LegacyAdapterConfiguration.class);

	private final LegacySettings settings;
	private final CatalogBackfill backfill;

	LegacyAdapterConfiguration(LegacySettings settings, CatalogBackfill backfill) {
		this.settings = settings;
		this.backfill = backfill;
	}

	/**
	 * Until change capture exists, a start-up copy gives the new modules the legacy catalogue. It runs off the
	 * start-up thread and retries: the proxy must serve (legacy answers everything while routes are LEGACY)
	 * even when the legacy database is slow or briefly down.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void backfillOnStart() {
		if (!settings.backfillOnStart()) {
			return;
		}
		Thread.ofVirtual().name("legacy-backfill").start(() -> {
			for (int attempt = 1; attempt <= 20; attempt++) {
				try {
					backfill.run();
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
