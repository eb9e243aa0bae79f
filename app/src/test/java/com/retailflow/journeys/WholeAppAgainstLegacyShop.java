package com.retailflow.journeys;

import com.retailflow.platform.testing.LegacyShop;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole app in front of the real legacy shop (200 products): proxy and legacy adapter both point at it. */
abstract class WholeAppAgainstLegacyShop {

	static final LegacyShop LEGACY = LegacyShop.withProducts(200);

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
		registry.add("retailflow.legacy.datasource.url", LEGACY.database()::jdbcUrl);
		registry.add("retailflow.legacy.datasource.username", LEGACY.database()::username);
		registry.add("retailflow.legacy.datasource.password", LEGACY.database()::password);
	}

	@LocalServerPort
	int port;
}
