package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo, end to end: the whole app (sync on, as {@code ./run.sh} starts it) in front of the real legacy shop. A
 * price edited directly in the legacy database, without touching any timestamp, shows on the new product page within
 * 2 seconds, and a product deleted there is gone from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=true")
class LegacySyncJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Duration WITHIN = Duration.ofSeconds(2);

	@Test
	void aPriceEditedInTheLegacyDatabaseAppearsOnTheNewProductPage() throws Exception {
		var browser = new ShopperBrowser(port);
		await(Duration.ofSeconds(60), () -> browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/products/2"))
			.header("Accept", "application/json")
			.build()).statusCode() == 200);
		awaitBackfillComplete();
		flipCatalog(browser, "NEW");
		try {
			assertThat(browser.get("/products/2").headers().firstValue("X-Served-By")).hasValue("new");

			legacySql("UPDATE products SET price = 77.70 WHERE id = 2");
			await(WITHIN, () -> browser.get("/products/2").body().contains("$77.70"));

			legacySql("DELETE FROM stock WHERE product_id = 200");
			legacySql("DELETE FROM products WHERE id = 200");
			await(WITHIN, () -> browser.get("/products/200").statusCode() == 404);
		}
		finally {
			flipCatalog(browser, "LEGACY");
		}
	}

	static void flipCatalog(ShopperBrowser browser, String mode) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/admin/api/routes/catalog"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"reason\":\"sync journey\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static void legacySql(String sql) throws Exception {
		try (var connection = DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password())) {
			connection.createStatement().executeUpdate(sql);
		}
	}

	interface Condition {

		boolean holds() throws Exception;
	}

	static void await(Duration within, Condition condition) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + within);
			}
			Thread.sleep(50);
		}
	}
}
