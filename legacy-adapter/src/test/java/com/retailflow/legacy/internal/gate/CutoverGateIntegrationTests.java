package com.retailflow.legacy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.retailflow.legacy.internal.SyncLag;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.legacy.internal.reconciliation.Reconciliation;
import com.retailflow.legacy.internal.TestDataSources;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;
import com.retailflow.proxy.CutoverGate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The cut-over gate over real sync state: it opens when lag is low and a recent reconciliation found nothing, and
 * otherwise the flip to NEW is a 409 problem naming each failing condition with its figure; {@code force} still
 * overrides and is audited. The change stream's lag is a test double here (the stream is not part of this test);
 * shadow comparisons are not required ({@code retailflow.proxy.shadow.min-comparisons=0}, see {@code GateShadowConditionTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.proxy.shadow.min-comparisons=0", 
				"retailflow.identity.bootstrap-admin.password=admin-secret", "retailflow.legacy.reconciliation.interval=0",
				"retailflow.proxy.routes[0].id=catalog", "retailflow.proxy.routes[0].module=catalog",
				"retailflow.proxy.routes[0].legacy-patterns=/product.php",
				"retailflow.proxy.routes[0].new-patterns=/products/**" })
class CutoverGateIntegrationTests {

	static final TestDatabases.Database LEGACY_DB = TestDatabases.newMariaDb();
	static final JsonMapper JSON = JsonMapper.builder().build();
	static final HttpClient HTTP = HttpClient.newHttpClient();

	static {
		LegacyShop.seed(LEGACY_DB, 200, 5);
		// The change table, as the capture installs it: the hand-over to NEW drains it (empty here).
		JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(LEGACY_DB.jdbcUrl(),
				LEGACY_DB.username(), LEGACY_DB.password())).sql("""
				CREATE TABLE IF NOT EXISTS rf_change (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
				  table_name VARCHAR(64) NOT NULL, row_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
				  op CHAR(1) NOT NULL, changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB""").update();
	}

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY_DB);
	}

	/** Stands in for the change stream's lag. */
	static final class SettableLag implements SyncLag {

		final Map<String, Duration> lags = new ConcurrentHashMap<>();

		@Override
		public Optional<Duration> of(String module) {
			return Optional.ofNullable(lags.get(module));
		}
	}

	@TestConfiguration
	static class Lag {

		@Bean
		@Primary // over the change stream's own, which this test does not run
		SettableLag syncLag() {
			return new SettableLag();
		}
	}

	@Autowired
	SettableLag lag;

	@Autowired
	CutoverGate gate;

	@Autowired
	Backfill backfill;

	@Autowired
	Reconciliation reconciliation;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void inSync() throws Exception {
		backfill.run();
		lag.lags.put("catalog", Duration.ofMillis(200));
		lag.lags.put("inventory", Duration.ZERO);
		reconciliation.reconcile("catalog", "test");
		reconciliation.reconcile("inventory", "test");
		flip("LEGACY", null, false);
	}

	@Test
	void opensWhenInSyncAndTheFlipGoesThrough() throws Exception {
		assertThat(gate.check("catalog", "catalog").failures()).isEmpty();
		assertThat(gate.check("catalog", "catalog").open()).isTrue();

		var flipped = flip("NEW", null, false);
		assertThat(flipped.statusCode()).isEqualTo(200);
		var migration = JSON.readTree(get("/admin/api/migration").body());
		var catalog = migration.get(0);
		assertThat(catalog.get("systemOfRecord").asString()).isEqualTo("new");
		assertThat(catalog.get("syncLagSeconds").asDouble()).isEqualTo(0.2);
		assertThat(catalog.get("lastReconciliation").get("driftRows").asLong()).isZero();
		assertThat(catalog.get("lastReconciliation").has("at")).isTrue();
	}

	@Test
	void closesWithEveryFailingConditionNamedWithItsFigure() throws Exception {
		lag.lags.put("catalog", Duration.ofMillis(9_400));
		lag.lags.remove("inventory");
		jdbc.sql("UPDATE catalog.product SET price = price + 1 WHERE id IN (3, 4)").update();
		reconciliation.reconcile("catalog", "test");
		jdbc.sql("UPDATE legacy_sync.reconciliation SET finished_at = now() - interval '2 hours' WHERE module = 'inventory'")
			.update();

		var refused = flip("NEW", null, false);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		var failures = JSON.readTree(refused.body()).get("failures");
		assertThat(failures.valueStream().map(node -> node.asString())).containsExactly(
				"sync lag of 'catalog': 9.4 s, not under 5.0 s",
				failures.get(1).asString(),
				"sync lag of 'inventory': no change stream measures it",
				failures.get(3).asString());
		assertThat(failures.get(1).asString()).startsWith("reconciliation of 'catalog': the last one found 2 drifting rows");
		assertThat(failures.get(3).asString()).matches("reconciliation of 'inventory': the last one finished 12\\d\\.\\d min ago, more than 30\\.0 min");
		assertThat(routeMode()).isEqualTo("LEGACY");

		// A row the change stream quarantined is drift too (the stream's table, as its migration creates it).
		jdbc.sql("""
				CREATE TABLE IF NOT EXISTS legacy_sync.quarantine (table_name TEXT NOT NULL, row_key TEXT NOT NULL,
				  reason TEXT NOT NULL, change_id BIGINT NOT NULL, quarantined_at TIMESTAMPTZ NOT NULL,
				  PRIMARY KEY (table_name, row_key))""").update();
		jdbc.sql("INSERT INTO legacy_sync.quarantine VALUES ('stock', '7', 'test', 1, now())").update();
		assertThat(gate.check("catalog", "catalog").failures())
			.contains("quarantine of 'inventory': 1 legacy rows the change stream could not apply, none allowed");
		jdbc.sql("DELETE FROM legacy_sync.quarantine").update();

		// CANARY at 100 % is the same cut-over.
		assertThat(flip("CANARY", "100", false).statusCode()).isEqualTo(409);
		// force, with a reason, still overrides, and the audit log says so.
		assertThat(flip("NEW", null, true).statusCode()).isEqualTo(200);
		var history = JSON.readTree(get("/admin/api/routes/catalog/history").body());
		assertThat(history.get(0).get("forced").asBoolean()).isTrue();
		assertThat(history.get(0).get("reason").asString()).isEqualTo("gate test");
	}

	HttpResponse<String> flip(String mode, String percent, boolean force) throws Exception {
		String body = "{\"mode\":\"" + mode + "\"" + (percent == null ? "" : ",\"percent\":" + percent)
				+ ",\"reason\":\"gate test\",\"force\":" + force + "}";
		return HTTP.send(request("/admin/api/routes/catalog").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	String routeMode() throws Exception {
		return JSON.readTree(get("/admin/api/routes").body()).get(0).get("mode").asString();
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8)));
	}
}
