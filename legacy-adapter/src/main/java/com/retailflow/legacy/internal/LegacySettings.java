package com.retailflow.legacy.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The legacy side ({@code retailflow.legacy.*}).
 *
 * @param datasource the legacy MariaDB database
 * @param backfillOnStart copy (or finish copying) legacy categories, products and stock into the new schemas once the
 *        application is ready
 * @param sessionLifetime PHP sessions idle longer than this are treated as gone (PHP's gc_maxlifetime)
 * @param currency the currency the legacy shop's bare FLOAT prices are in (it shows "$")
 * @param shopperStates the shopper states kept per session between changes ({@link KeptShopperStates})
 */
@ConfigurationProperties("retailflow.legacy")
record LegacySettings(@DefaultValue Datasource datasource, @DefaultValue("true") boolean backfillOnStart,
		@DefaultValue("24m") Duration sessionLifetime, @DefaultValue("USD") String currency,
		@DefaultValue ShopperStates shopperStates) {

	/**
	 * @param timeToLive how long a kept state may be used: bounds changes made without a request through the proxy
	 * @param maxSessions how many sessions' states are kept (about 300 bytes each)
	 */
	record ShopperStates(@DefaultValue("2m") Duration timeToLive, @DefaultValue("100000") long maxSessions) {
	}

	record Datasource(@DefaultValue("jdbc:mariadb://127.0.0.1:3306/legacy_shop") String url,
			@DefaultValue("root") String username, @DefaultValue("") String password,
			@DefaultValue("16") int maximumPoolSize) {
	}
}
