package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo catalog in SHADOW: the real legacy shop against the real catalog module. Both render the same
 * products with differently spelled links and markup, so once links are canonicalised and pages compared per
 * field, the new side differs no more than legacy differs from itself; a price changed on one side is caught and
 * named. The copies have no side effects: browsing creates no legacy session rows beyond the shopper's own.
 */
// The same configuration as CatalogCutoverJourneyIntegrationTests, so both share one application context. A long
// shadow timeout: a copy the loaded test machine answers late would count as a difference (599), not a content one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.legacy.backfill-on-start=true", "retailflow.proxy.shadow.timeout=10s" })
class CatalogShadowJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final Pattern SESSION = Pattern.compile("PHPSESSID=([A-Za-z0-9,-]+)");
	static final String NOISE_SESSION = "retailflow-shadow-noise-copy";
	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void theShadowedCatalogDiffersNoMoreThanNoiseAndAOneSidedPriceChangeIsNamed() throws Exception {
		awaitBackfill();
		flip("SHADOW");
		List<String> pages = new ArrayList<>(List.of("/", "/index.php", "/category.php?id=1", "/category.php?id=2",
				"/search.php?q=coffee"));
		// Twice over: with the default noise sample (10 %), enough noise comparisons to have a baseline.
		for (int round = 0; round < 2; round++) {
			for (int id = 1; id <= 40; id++) {
				pages.add("/product.php?id=" + id);
			}
		}

		Set<String> sessionsBefore = sessionIds();
		Set<String> shopperSessions = new HashSet<>();
		for (String page : pages) {
			var response = get(page);
			// Hidden products are 404 on both sides: their error pages are compared too.
			assertThat(response.statusCode()).as(page).isIn(200, 404);
			assertThat(response.headers().firstValue("X-Served-By")).hasValue("legacy");
			response.headers().allValues("Set-Cookie").forEach(cookie -> {
				var session = SESSION.matcher(cookie);
				if (session.find()) {
					shopperSessions.add(session.group(1));
				}
			});
		}
		JsonNode summary = awaitSummary(s -> s.get("comparisons").asLong() >= pages.size()
				&& s.get("noiseComparisons").asLong() >= 1);

		assertThat(summary.get("adjustedDifferenceRate").asDouble())
			.as("fields differing beyond noise: %s; samples: %s", summary.get("fields"), report().get("samples"))
			.isLessThanOrEqualTo(summary.get("noiseRate").asDouble());
		// Only the shopper's own sessions are new (plus, once ever, the one session legacy keeps for noise copies).
		Set<String> created = sessionIds();
		created.removeAll(sessionsBefore);
		created.removeAll(shopperSessions);
		created.remove(NOISE_SESSION);
		assertThat(created).as("session rows created by shadow or noise copies").isEmpty();

		String price = legacyPrice(7);
		try {
			setLegacyPrice(7, "1234.56");
			assertThat(get("/product.php?id=7").body()).contains("$1,234.56");
			JsonNode report = awaitReport(r -> r.get("samples")
				.valueStream()
				.anyMatch(sample -> sample.get("newUrl").asString().equals("/products/7")));
			JsonNode sample = report.get("samples")
				.valueStream()
				.filter(s -> s.get("newUrl").asString().equals("/products/7"))
				.findFirst()
				.orElseThrow();
			var fields = sample.get("fields").valueStream().map(f -> f.get("field").asString()).toList();
			assertThat(fields).contains("price");
			var priceField = sample.get("fields").valueStream().filter(f -> f.get("field").asString().equals("price"))
				.findFirst()
				.orElseThrow();
			assertThat(priceField.get("legacy").asString()).isEqualTo("$1,234.56");
			assertThat(priceField.get("other").asString()).doesNotContain("1,234.56");
			assertThat(report.get("summary").get("fields").get("price").get("adjustedRate").asDouble()).isPositive();
		}
		finally {
			setLegacyPrice(7, price);
			flip("LEGACY");
		}
	}

	HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	JsonNode report() throws Exception {
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/admin/api/routes/catalog/shadow"))
			.header("Authorization", basic())
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	JsonNode awaitSummary(java.util.function.Predicate<JsonNode> done) throws Exception {
		return awaitReport(report -> done.test(report.get("summary"))).get("summary");
	}

	JsonNode awaitReport(java.util.function.Predicate<JsonNode> done) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		JsonNode report = report();
		while (!done.test(report)) {
			assertThat(System.nanoTime()).as("shadow report never got there: %s", report).isLessThan(deadline);
			Thread.sleep(200);
			report = report();
		}
		return report;
	}

	void awaitBackfill() throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/products/1"))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
			assertThat(System.nanoTime()).as("catalog backfilled from legacy").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	void flip(String mode) throws Exception {
		var response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/admin/api/routes/catalog"))
			.header("Authorization", basic())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"reason\":\"shadow journey\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8));
	}

	Set<String> sessionIds() throws Exception {
		Set<String> ids = new HashSet<>();
		try (var db = legacyDb(); var rs = db.createStatement().executeQuery("SELECT id FROM php_sessions")) {
			while (rs.next()) {
				ids.add(rs.getString(1));
			}
		}
		return ids;
	}

	String legacyPrice(long id) throws Exception {
		try (var db = legacyDb(); var statement = db.prepareStatement("SELECT price FROM products WHERE id = ?")) {
			statement.setLong(1, id);
			try (var rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	void setLegacyPrice(long id, String price) throws Exception {
		try (var db = legacyDb(); var statement = db.prepareStatement("UPDATE products SET price = ? WHERE id = ?")) {
			statement.setBigDecimal(1, new java.math.BigDecimal(price));
			statement.setLong(2, id);
			statement.executeUpdate();
		}
	}

	static java.sql.Connection legacyDb() throws Exception {
		var database = LEGACY.database();
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
	}
}
