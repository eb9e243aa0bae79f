package com.retailflow.journeys;

import com.retailflow.platform.testing.LegacyShop;

import java.time.Duration;

import com.retailflow.legacy.internal.tables.SyncedTables;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	@Autowired
	JdbcClient postgres;

	@Autowired
	SyncedTables synced;

	/**
	 * Waits until the adapter's backfill has copied every synced table: until then, legacy changes of a table wait for
	 * its copy, so neither the 2 s sync promise nor a hand-over holds yet.
	 */
	void awaitBackfillComplete() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (postgres.sql("SELECT count(*) FROM legacy_sync.backfill WHERE completed_at IS NOT NULL")
			.query(Long.class)
			.single() < synced.all().size()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The backfill did not complete within 60 s");
			}
			Thread.sleep(50);
		}
	}
}
