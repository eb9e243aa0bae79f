package com.retailflow.checkoutcrash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

/**
 * {@code kill -9} of the app while checkouts are between placing and paying, then a restart on the same database:
 * every order ends PAID with its stock confirmed and exactly one charge, or CANCELLED with its stock released and no
 * charge left standing. None is lost, duplicated or left half-done. A real process, a real PostgreSQL.
 *
 * <p>The simulated provider takes 8 s per authorization and records the charge after 4 s: the first shoppers are
 * killed after their charge and before its answer, the later ones after placing and before any charge.
 */
class CheckoutCrashIT {

	private static final long PRODUCT = 770_001;
	private static final int STOCK = 20;

	@Test
	void everyOrderCompletesOrIsCancelledWithItsStockReleasedAfterAKillDuringCheckout() throws Exception {
		var database = TestDatabases.newPostgres();
		int port = LegacyShop.freePort();
		Path jar = Path.of(System.getProperty("retailflow.jar", "target/retailflow-app.jar"));
		List<String> settings = List.of("--server.port=" + port, "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--retailflow.legacy.backfill-on-start=false",
				"--retailflow.legacy.sync.enabled=false",
				"--retailflow.identity.bootstrap-admin.password=crash-test-secret",
				"--retailflow.checkout.payment.simulated.latency=8s", "--retailflow.checkout.recovery.grace=2s",
				"--retailflow.checkout.recovery.interval=1s");

		Process first = start(jar, settings, "checkout-crash-1");
		List<Shopper> shoppers = new ArrayList<>();
		try {
			awaitHealthy(port, first);
			seedProduct(database);
			for (int i = 0; i < 6; i++) {
				var shopper = new Shopper(port);
				shopper.registerAndFillCart();
				shoppers.add(shopper);
			}
			ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
			// three are charged before the kill (charge at 4 s, answer at 8 s), three only placed (started 3 s later)
			for (int i = 0; i < 3; i++) {
				pool.submit(shoppers.get(i)::checkout);
			}
			Thread.sleep(3_000);
			for (int i = 3; i < 6; i++) {
				pool.submit(shoppers.get(i)::checkout);
			}
			Thread.sleep(2_500);
			first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no graceful drain
			pool.shutdownNow();
		}
		finally {
			first.destroyForcibly().waitFor();
		}

		try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
			assertThat(count(sql, "SELECT count(*) FROM checkout.checkouts WHERE payment = 'PENDING'"))
				.as("orders left half-done by the kill").isPositive();
			assertThat(count(sql, "SELECT count(*) FROM checkout.simulated_charges"))
				.as("charges made whose answer the kill lost").isPositive();
		}

		Process second = start(jar, settings, "checkout-crash-2");
		try {
			awaitHealthy(port, second);
			try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.username(),
					database.password())) {
				long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
				while (count(sql, "SELECT count(*) FROM checkout.checkouts WHERE payment = 'PENDING' OR stock = 'HELD'") > 0
						&& System.nanoTime() < deadline) {
					Thread.sleep(500);
				}
				assertThat(count(sql, "SELECT count(*) FROM checkout.checkouts WHERE payment = 'PENDING' OR stock = 'HELD'"))
					.as(Files.readString(Path.of("target", "it-checkout-crash-2.log"))).isZero();

				long orders = count(sql, "SELECT count(*) FROM orders.orders");
				long ledger = count(sql, "SELECT count(*) FROM checkout.checkouts");
				assertThat(orders).isEqualTo(ledger).isPositive().isLessThanOrEqualTo(shoppers.size());
				// paid: confirmed stock and exactly one live charge
				assertThat(count(sql, """
						SELECT count(*) FROM checkout.checkouts c JOIN orders.orders o ON o.id = c.order_id
						WHERE o.status = 'PAID' AND NOT (c.payment = 'AUTHORIZED' AND c.stock = 'CONFIRMED'
						  AND (SELECT count(*) FROM checkout.simulated_charges s
						       WHERE s.idempotency_key = c.order_id::text AND s.status = 'AUTHORIZED') = 1)"""))
					.as("paid orders not fully settled").isZero();
				// cancelled: stock released, no charge left standing
				assertThat(count(sql, """
						SELECT count(*) FROM checkout.checkouts c JOIN orders.orders o ON o.id = c.order_id
						WHERE o.status = 'CANCELLED' AND (c.stock <> 'RELEASED' OR EXISTS (SELECT 1
						  FROM checkout.simulated_charges s
						  WHERE s.idempotency_key = c.order_id::text AND s.status = 'AUTHORIZED'))"""))
					.as("cancelled orders not fully settled").isZero();
				assertThat(count(sql, "SELECT count(*) FROM orders.orders WHERE status NOT IN ('PAID', 'CANCELLED')"))
					.isZero();
				long paidUnits = count(sql, """
						SELECT coalesce(sum(l.quantity), 0) FROM orders.order_lines l
						JOIN orders.orders o ON o.id = l.order_id WHERE o.status = 'PAID'""");
				assertThat(count(sql, "SELECT on_hand FROM inventory.stock WHERE sku = 'SKU-770001'"))
					.isEqualTo(STOCK - paidUnits);
				assertThat(count(sql, "SELECT reserved FROM inventory.stock WHERE sku = 'SKU-770001'")).isZero();
				assertThat(count(sql, "SELECT count(*) FROM inventory.reservation WHERE status = 'OPEN'")).isZero();
			}
		}
		finally {
			second.destroy();
			second.waitFor();
		}
	}

	private static Process start(Path jar, List<String> settings, String name) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
		command.addAll(settings);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "it-" + name + ".log").toFile())
			.start();
	}

	private static void awaitHealthy(int port, Process process) throws Exception {
		var http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the app did not come up");
	}

	/** The catalog and stock rows a legacy backfill would write, straight into the fresh database. */
	private static void seedProduct(TestDatabases.Database database) throws SQLException {
		try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
				var statement = sql.createStatement()) {
			statement.execute("INSERT INTO catalog.category (id, name, slug, updated_at) VALUES (1, 'All', 'all', now())");
			statement.execute("INSERT INTO catalog.product (id, sku, category_id, name, price, currency, status, created_at, "
					+ "updated_at) VALUES (" + PRODUCT + ", 'SKU-770001', 1, 'Crash test kettle', 5.00, 'USD', 'ACTIVE', now(), now())");
			statement.execute("INSERT INTO inventory.stock (sku, on_hand, updated_at) VALUES ('SKU-770001', " + STOCK + ", now())");
		}
	}

	private static long count(Connection sql, String query) throws SQLException {
		try (var statement = sql.createStatement(); var result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** One shopper with its own session, cart and idempotency key. */
	private static final class Shopper {

		private final String base;
		private final HttpClient http;
		private final String key = UUID.randomUUID().toString();

		Shopper(int port) {
			this.base = "http://127.0.0.1:" + port;
			this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
		}

		void registerAndFillCart() throws Exception {
			post("/api/v1/auth/register", "{\"email\":\"crash-" + key + "@example.com\",\"name\":\"Crash\","
					+ "\"password\":\"secret-password\"}", Map.of(), 201);
			post("/api/v1/cart/lines", "{\"productId\":" + PRODUCT + ",\"quantity\":1}", Map.of(), 200);
		}

		void checkout() {
			try {
				post("/api/v1/checkout", "{\"shipName\":\"Ada\",\"shipAddress\":\"1 Main St\",\"shipCity\":\"Springfield\","
						+ "\"shipZip\":\"12345\",\"cardNumber\":\"4242424242424242\",\"expectedTotal\":\"5.00\"}",
						Map.of("Idempotency-Key", key), -1);
			}
			catch (Exception killed) {
				// the app died under this request: that is the point
			}
		}

		private void post(String path, String json, Map<String, String> headers, int expected) throws Exception {
			var request = HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", token())
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString(json));
			headers.forEach(request::header);
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (expected > 0 && response.statusCode() != expected) {
				throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
			}
		}

		private String token() throws Exception {
			var body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
			if (!token.find()) {
				throw new IllegalStateException("no CSRF token in " + body);
			}
			return token.group(1);
		}
	}
}
