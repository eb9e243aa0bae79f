package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.retailflow.platform.testing.CuttableTcpProxy;
import com.retailflow.platform.testing.TestDatabases;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With PostgreSQL unreachable (a TCP proxy between the app and its database is cut; the server itself is never
 * touched), the way back to legacy still works: the automatic fallback trips, raises its alert and replays
 * every safe request at once, and an operator's rollback is accepted and takes effect; both reach the table
 * when the database is back.
 */
class DatabaseDownTests {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final FakeLegacy LEGACY = new FakeLegacy();
	static CuttableTcpProxy database;
	static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		var real = TestDatabases.newPostgres();
		database = new CuttableTcpProxy(real.host(), real.port());
		String url = real.jdbcUrl().replace(real.host() + ":" + real.port(), "127.0.0.1:" + database.port());
		app = new SpringApplicationBuilder(ProxyTestApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + url, "spring.datasource.username=" + real.username(),
					"spring.datasource.password=" + real.password(),
					"retailflow.proxy.legacy-url=" + LEGACY.url(),
					"retailflow.proxy.database.connection-timeout=1s", "retailflow.proxy.database.query-timeout=2s")
			// Command-line arguments win over the test's application.yml (builder properties would not).
			.run("--retailflow.proxy.fallback.routes.flaky.ejection=5m");
	}

	@AfterAll
	static void stop() {
		app.close();
		database.close();
		LEGACY.close();
	}

	static String proxy() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@Test
	void fallbackAndRollbackWorkWhilePostgresIsUnreachableAndReachTheTableAfterwards() {
		assertThat(ProxyHttp.flip(proxy(), "flaky", "NEW", null, true).statusCode()).isEqualTo(200);
		assertThat(ProxyHttp.flip(proxy(), "catalog", "NEW", null, true).statusCode()).isEqualTo(200);
		assertThat(servedBy("/products/1")).isEqualTo("new");

		database.blackHole();

		// Every failing GET is replayed to legacy at once; the fifth trips the fallback (min-requests 5, rate 0.5).
		for (int i = 0; i < 6; i++) {
			long start = System.nanoTime();
			var response = ProxyHttp.get(proxy(), "/flaky/broken");
			assertThat(response.statusCode()).as("request " + i).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Served-By")).as("request " + i).hasValue("legacy");
			assertThat((System.nanoTime() - start) / 1_000_000).as("request " + i + " in ms").isLessThan(5_000);
		}
		var meters = app.getBean(MeterRegistry.class);
		assertThat(meters.counter("retailflow.proxy.fallbacks", "route", "flaky").count()).isEqualTo(1.0);
		assertThat(servedBy("/flaky/fine")).as("the route is held on legacy").isEqualTo("legacy");

		// The one-click rollback is accepted while the table cannot be written; anything else is a clear 503.
		var rollback = ProxyHttp.admin(proxy(), "PUT", "/admin/api/routes/catalog",
				"{\"mode\":\"LEGACY\",\"reason\":\"database down\"}", "admin", "admin-secret");
		assertThat(rollback.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(rollback.body()).get("mode").asString()).isEqualTo("LEGACY");
		assertThat(servedBy("/products/1")).isEqualTo("legacy");
		var forward = ProxyHttp.flip(proxy(), "catalog", "NEW", null, true);
		assertThat(forward.statusCode()).isEqualTo(503);
		assertThat(forward.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		database.restore();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode catalog = history("catalog");
			assertThat(catalog.get(0).get("toMode").asString()).isEqualTo("LEGACY");
			assertThat(catalog.get(0).get("actor").asString()).isEqualTo("admin");
			JsonNode flaky = history("flaky");
			assertThat(flaky.get(0).get("automatic").asBoolean()).isTrue();
			assertThat(flaky.get(0).get("actor").asString()).isEqualTo("proxy:auto-fallback");
		});
		assertThat(servedBy("/products/1")).isEqualTo("legacy");
		assertThat(servedBy("/flaky/fine")).isEqualTo("legacy");
	}

	static String servedBy(String path) {
		return ProxyHttp.get(proxy(), path).headers().firstValue("X-Served-By").orElseThrow();
	}

	static JsonNode history(String route) {
		var response = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/" + route + "/history", null, "admin",
				"admin-secret");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}
}
