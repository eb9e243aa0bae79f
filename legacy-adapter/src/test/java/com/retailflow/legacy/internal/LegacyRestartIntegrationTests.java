package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.platform.testing.TestDatabases;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The legacy MariaDB (a private server) restarts while the stream runs: the lag metric shows the outage, and the
 * stream resumes by itself once legacy is back, nothing lost.
 */
// Closed after the class: its stream and pools must not keep running (and holding connections) beside later tests.
@DirtiesContext
@SpringBootTest(properties = { "retailflow.legacy.sync.enabled=true", "retailflow.legacy.sync.poll-interval=50ms" })
class LegacyRestartIntegrationTests {

	static final PrivateMariaDb SERVER = PrivateMariaDb.start();
	static final TestDatabases.Database LEGACY = seeded();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY);
	}

	@AfterAll
	static void stopServer() throws InterruptedException {
		SERVER.close();
	}

	@Autowired
	Backfill backfill;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	MeterRegistry meters;

	@Test
	void theStreamResumesAfterALegacyRestartAndTheLagShowsTheOutage() throws Exception {
		backfill.run();
		legacySql("UPDATE products SET price = 33.33 WHERE id = 3");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(price(3)).isEqualTo("33.33"));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lagSeconds()).isZero());

		SERVER.stop();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lagSeconds()).isGreaterThanOrEqualTo(2));
		Thread.sleep(2_000);
		double duringOutage = lagSeconds();
		assertThat(duringOutage).as("the lag keeps growing while legacy is down").isGreaterThanOrEqualTo(3);

		SERVER.restart();
		legacySql("UPDATE products SET price = 44.44 WHERE id = 4");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(price(4)).isEqualTo("44.44"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lagSeconds()).isZero());
	}

	private double lagSeconds() {
		return meters.get("retailflow.sync.lag").tag("module", "catalog").gauge().value();
	}

	private String price(long id) {
		return catalog.storedProduct(ProductId.of(id)).orElseThrow().price().amount().toPlainString();
	}

	private static void legacySql(String sql) throws SQLException {
		try (var connection = DriverManager.getConnection(LEGACY.jdbcUrl(), LEGACY.username(), LEGACY.password())) {
			connection.createStatement().executeUpdate(sql);
		}
	}

	private static TestDatabases.Database seeded() {
		try {
			return SERVER.seededDatabase("legacy_restart", 20);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
