package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.PrivatePostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The app against a real streaming replica: a private primary (initdb) and a standby made from it with
 * {@code pg_basebackup}, both logging every statement, so the logs show which server ran which query. Catalog reads
 * go to the replica; everything else, and a shopper's reads right after they wrote, to the primary.
 */
class ReadReplicaIT {

	static final String PASSWORD = "replica-test";
	static PrivatePostgres primary;
	static PrivatePostgres standby;
	static AppProcess app;
	static int port;

	@BeforeAll
	static void startPrimaryStandbyAndApp() throws Exception {
		Path dir = Path.of("target/it-replica").toAbsolutePath();
		FileSystemUtils.deleteRecursively(dir);
		primary = PrivatePostgres.initialise(dir.resolve("primary"), LegacyShop.freePort(), PASSWORD)
			.start("wal_level=replica", "max_wal_senders=4", "log_statement=all");
		try (var connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), "postgres", PASSWORD)) {
			connection.createStatement().execute("CREATE DATABASE retailflow");
		}
		PrivatePostgres.run(Duration.ofMinutes(2), PrivatePostgres.binary("pg_basebackup"), "-d",
				"host=127.0.0.1 port=" + primary.port() + " user=postgres password=" + PASSWORD, "-D",
				dir.resolve("standby").toString(), "-R", "-X", "stream", "-c", "fast");
		standby = PrivatePostgres.over(dir.resolve("standby"), LegacyShop.freePort()).start("hot_standby=on", "log_statement=all");
		try (var connection = DriverManager.getConnection(standby.jdbcUrl("retailflow"), "postgres", PASSWORD);
				var rows = connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
			rows.next();
			assertThat(rows.getBoolean(1)).as("the standby is a streaming replica").isTrue();
		}

		port = LegacyShop.freePort();
		// A real legacy shop behind the proxy, so that a shopper's POST gets an ordinary answer.
		var legacy = LegacyShop.withProducts(20);
		app = AppProcess.start("replica", port,
				Map.ofEntries(Map.entry("RETAILFLOW_ADMIN_PASSWORD", "replica-it-secret"),
						Map.entry("RETAILFLOW_DB_PORT", String.valueOf(primary.port())), Map.entry("RETAILFLOW_DB_NAME", "retailflow"),
						Map.entry("RETAILFLOW_DB_PASSWORD", PASSWORD), Map.entry("RETAILFLOW_DB_REPLICA_HOST", "127.0.0.1"),
						Map.entry("RETAILFLOW_DB_REPLICA_PORT", String.valueOf(standby.port())), Map.entry("LEGACY_DB_PORT", "1"),
						Map.entry("RETAILFLOW_BACKFILL_ON_START", "false"), Map.entry("RETAILFLOW_LEGACY_URL", legacy.url())));
		await("app ready").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(1))
			.failFast("the app exited", () -> !app.isAlive())
			.until(() -> app.status("/actuator/health/readiness") == 200);
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (standby != null) {
			standby.stop();
		}
		if (primary != null) {
			primary.stop();
		}
	}

	@Test
	void catalogReadsGoToTheReplicaTheRestStaysOnThePrimary() throws Exception {
		try (var connection = DriverManager.getConnection(primary.jdbcUrl("retailflow"), "postgres", PASSWORD)) {
			connection.createStatement().execute("""
					INSERT INTO catalog.category (id, parent_id, name, slug, updated_at) VALUES (7001, NULL, 'Replicated', 'replicated', now());
					INSERT INTO catalog.product (id, sku, category_id, name, description, price, currency, status, created_at, updated_at)
					VALUES (424242, 'REPL-1', 7001, 'Written on the primary', '', 9.99, 'USD', 'ACTIVE', now(), now())""");
		}
		await("the row reaches the replica and the API serves it from there").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> api("/api/v1/products/424242", List.of()).statusCode() == 200);

		assertThat(standbyLog()).as("the product read ran on the replica")
			.contains("FROM catalog.product p WHERE p.id = $1")
			.contains("$1 = '424242'");
		assertThat(primaryLog()).as("not on the primary").doesNotContain("$1 = '424242'");
		assertThat(primaryLog()).as("route table polling (not read-only work) on the primary").contains("proxy.");
		assertThat(standbyLog()).doesNotContain("FROM proxy.");
	}

	@Test
	void aShopperReadsTheirOwnWritesFromThePrimary() throws Exception {
		var write = AppProcess.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cart.php"))
			.POST(HttpRequest.BodyPublishers.ofString("action=add"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.build(), HttpResponse.BodyHandlers.discarding());
		String cookie = write.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("rf_wrote="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no read-your-writes cookie: " + write.headers()))
			.split(";")[0];

		api("/api/v1/products/434343", List.of("Cookie", cookie));
		api("/api/v1/products/454545", List.of());

		assertThat(primaryLog()).as("the writer's read, on the primary").contains("$1 = '434343'");
		assertThat(standbyLog()).doesNotContain("$1 = '434343'");
		assertThat(standbyLog()).as("anyone else's read, on the replica").contains("$1 = '454545'");
		assertThat(primaryLog()).doesNotContain("$1 = '454545'");
	}

	static HttpResponse<String> api(String path, List<String> headers) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/json");
		for (int i = 0; i < headers.size(); i += 2) {
			request.header(headers.get(i), headers.get(i + 1));
		}
		return AppProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String primaryLog() throws Exception {
		return Files.readString(primary.dataDirectory().resolveSibling("primary.log"));
	}

	static String standbyLog() throws Exception {
		return Files.readString(standby.dataDirectory().resolveSibling("standby.log"));
	}
}
