package com.retailflow.legacy.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Turns on the adapter's settings and, for local runs, the start-up backfill from legacy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LegacySettings.class)
class LegacyAdapterConfiguration {

	private final LegacySettings settings;
	private final CatalogBackfill backfill;

	LegacyAdapterConfiguration(LegacySettings settings, CatalogBackfill backfill) {
		this.settings = settings;
		this.backfill = backfill;
	}

	/** Until change capture exists, a start-up copy gives the new modules the legacy catalogue (ADR 0006). */
	@EventListener(ApplicationReadyEvent.class)
	void backfillOnStart() {
		if (settings.backfillOnStart()) {
			backfill.run();
		}
	}
}
