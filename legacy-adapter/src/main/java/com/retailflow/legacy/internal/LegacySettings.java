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
 */
@ConfigurationProperties("retailflow.legacy")
record LegacySettings(@DefaultValue Datasource datasource, @DefaultValue("true") boolean backfillOnStart,
		@DefaultValue("24m") Duration sessionLifetime, @DefaultValue("USD") String currency) {

	record Datasource(@DefaultValue("jdbc:mariadb://127.0.0.1:3306/legacy_shop") String url,
			@DefaultValue("root") String username, @DefaultValue("") String password,
			@DefaultValue("16") int maximumPoolSize) {
	}
}
