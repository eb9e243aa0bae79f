package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * {@code ./run.sh --instances 3} on a "bare" machine — nothing listens at the configured PostgreSQL port, so the
 * script starts its embedded PostgreSQL — with nginx as the balancer: three real app processes that must behave as
 * one. The tests run in order on the same system; the last two take instances away. The instances run their
 * scheduled work at test pace (event resubmission every 2 s for publications older than 5 s, reservation expiry every
 * second) and keep catalog cache entries for the default 10 minutes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

	static final Pattern CART = Pattern.compile("class=\"cart-count\">(\\d+)<");
	static final Pattern API_PRICE = Pattern.compile("\"price\":\\{\"amount\":\"(\\d+\\.\\d+)\"");
	static final Pattern EXPIRED = Pattern.compile("Expired (\\d+) overdue reservations");

	static RunScript run;
	static int port;
	static int postgresPort;
	static List<Integer> instances;
	static Path runDirectory;
	static TestDatabases.Database legacy;
	static int cartItems;

	/** One shopper (cookie jar) for the whole class: the session must survive everything the tests do. */
	static final HttpClient shopper = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeAll
	static void startThreeInstancesOnABareMachine() throws Exception {
		// run.sh puts the instances on the ports after PORT, some seconds after checking them
		port = LegacyShop.freePortsBelowEphemeralRange(5);
		postgresPort = LegacyShop.freePort();
		runDirectory = Path.of("target/it-run-several").toAbsolutePath();
		FileSystemUtils.deleteRecursively(runDirectory);
		legacy = TestDatabases.newMariaDb();
		Map<String, String> env = new HashMap<>();
		env.put("PORT", String.valueOf(port));
		env.put("LEGACY_PORT", String.valueOf(LegacyShop.freePort()));
		env.put("RETAILFLOW_DB_PORT", String.valueOf(postgresPort));
		env.put("RETAILFLOW_RUN_DIR", runDirectory.toString());
		env.put("LEGACY_DB_NAME", legacy.name());
		env.put("LEGACY_PRODUCTS", "200");
		env.put("LEGACY_DEBUG", "1");
		env.put("RETAILFLOW_START_TIMEOUT", "600");
		env.put("RETAILFLOW_JAVA_OPTS", "-Xmx512m -Dretailflow.events.resubmission.interval=2s"
				+ " -Dretailflow.events.resubmission.older-than=5s -Dretailflow.inventory.expiry.interval=1s");
		run = RunScript.start("several", env, "--instances", "3").awaitReady(Duration.ofMinutes(12));
		instances = run.instancePorts();
		assertThat(instances).hasSize(3).doesNotContain(port);
	}

	@AfterAll
	static void stop() throws Exception {
		if (run != null) {
			run.close();
			assertThat(run.output()).contains("[run] stopping");
		}
	}

	@Test
	@Order(1)
	void withNoPostgresqlAtTheConfiguredPortTheDemoStartsOnAnEmbeddedOne() throws Exception {
		assertThat(run.output()).contains("no PostgreSQL answers at 127.0.0.1:" + postgresPort + ": starting an embedded one");
		var home = get(port, "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.headers().firstValue("X-Served-By")).as("through the proxy").hasValue("legacy");
		assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build())
			.statusCode()).isEqualTo(200);
		try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/retailflow",
				"postgres", ""); var rows = connection.createStatement().executeQuery("SELECT version()")) {
			rows.next();
			assertThat(rows.getString(1)).as("the embedded server").startsWith("PostgreSQL");
		}
		assertThat(runDirectory.resolve("postgres/PG_VERSION")).as("data kept under the run folder").exists();
	}

	@Test
	@Order(2)
	void aShopperBouncingBetweenInstancesKeepsSessionAndCart() throws Exception {
		var product = get(instances.get(0), "/product.php?id=1");
		assertThat(post(instances.get(1), "/cart.php",
				Map.of("action", "add", "product_id", "1", "qty", "2", "csrf", csrf(product.body()))).statusCode())
			.isEqualTo(302);
		assertThat(cartCount(get(instances.get(2), "/cart.php").body())).isEqualTo(2);

		var login = get(instances.get(2), "/login.php");
		var signedIn = post(instances.get(0), "/login.php",
				Map.of("email", "demo@example.com", "password", "demo1234", "next", "", "csrf", csrf(login.body())));
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		// The legacy shop keys the cart by session id and regenerates the id at sign-in: add again, then bounce.
		var again = get(instances.get(1), "/product.php?id=1");
		post(instances.get(2), "/cart.php", Map.of("action", "add", "product_id", "1", "qty", "2", "csrf", csrf(again.body())));
		cartItems = cartCount(get(instances.get(0), "/cart.php").body());
		assertThat(cartItems).isGreaterThanOrEqualTo(2);
		for (int instance : instances) {
			var account = get(instance, "/account.php");
			assertThat(account.statusCode()).as("signed in on :" + instance).isEqualTo(200);
			assertThat(cartCount(account.body())).as("cart on :" + instance).isEqualTo(cartItems);
		}
	}

	@Test
	@Order(4)
	void aRouteFlipIsSeenByEveryInstanceWithinTwoSeconds() throws Exception {
		var flip = admin(port, "PUT", "/admin/api/routes/catalog", "{\"mode\":\"NEW\",\"reason\":\"several instances\",\"force\":true}");
		assertThat(flip.statusCode()).as(flip.body()).isEqualTo(200);
		long flipped = System.nanoTime();
		List<CompletableFuture<Duration>> seen = new ArrayList<>();
		for (int instance : instances) {
			seen.add(CompletableFuture.supplyAsync(() -> {
				while (System.nanoTime() - flipped < TimeUnit.SECONDS.toNanos(10)) {
					// When the request that saw the flip was sent, not when its answer came: on a loaded machine the
					// page itself may take a while, which is not propagation.
					long sent = System.nanoTime();
					if ("new".equals(servedBy(instance, "/products/1"))) {
						return Duration.ofNanos(sent - flipped);
					}
				}
				return Duration.ofSeconds(10);
			}));
		}
		for (int i = 0; i < instances.size(); i++) {
			assertThat(seen.get(i).get()).as("flip seen on :" + instances.get(i)).isLessThanOrEqualTo(Duration.ofSeconds(2));
		}
		// The shopper's session and cart from the legacy pages, shown by the new pages on every instance.
		for (int instance : instances) {
			assertThat(cartCount(get(instance, "/products/1").body())).as("cart on :" + instance).isEqualTo(cartItems);
		}
	}

	/**
	 * The change comes in through the legacy change stream, which exactly one instance runs: its commit sends the
	 * notification on which every instance evicts. Cache entries live 10 minutes, so no expiry explains the 2 s.
	 */
	@Test
	@Order(3)
	void aCatalogChangeOnOneInstanceEvictsTheCacheOnEveryInstance() throws Exception {
		awaitBackfill();
		BigDecimal before = apiPrice(instances.get(0));
		for (int instance : instances) {
			assertThat(apiPrice(instance)).as("cached on :" + instance).isEqualByComparingTo(before);
		}
		BigDecimal after = before.add(BigDecimal.ONE);
		try (var connection = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password())) {
			connection.createStatement()
				.executeUpdate("UPDATE products SET price = " + after + ", updated_at = NOW() WHERE id = 1");
		}
		long applied = awaitNanos("the change stream applies the price", Duration.ofSeconds(60),
				() -> after.compareTo(query("SELECT price FROM catalog.product WHERE id = 1", BigDecimal.class)) == 0);
		List<CompletableFuture<Duration>> seen = new ArrayList<>();
		for (int instance : instances) {
			seen.add(CompletableFuture.supplyAsync(() -> {
				while (System.nanoTime() - applied < TimeUnit.SECONDS.toNanos(10)) {
					// When the request that saw the new price was sent: on a loaded machine the answer itself may take
					// a while, which is not propagation.
					long sent = System.nanoTime();
					if (after.compareTo(apiPrice(instance)) == 0) {
						return Duration.ofNanos(sent - applied);
					}
				}
				return Duration.ofSeconds(10);
			}));
		}
		for (int i = 0; i < instances.size(); i++) {
			assertThat(seen.get(i).get()).as("new price on :" + instances.get(i) + " after the commit")
				.isLessThanOrEqualTo(Duration.ofSeconds(2));
		}
	}

	/**
	 * Each kind of scheduled work is done once across the three instances: the legacy sync and the event
	 * resubmission each by the one instance holding its advisory lock; reservation expiry by all of them, splitting
	 * the work so that each reservation expires exactly once.
	 */
	@Test
	@Order(5)
	void scheduledWorkRunsOnceAcrossInstances() throws Exception {
		Set<Long> pids = instances.stream().map(run::appPid).collect(Collectors.toSet());
		assertThat(lockHolders("retailflow legacy change stream pid %")).as("sessions running the legacy sync").hasSize(1)
			.allSatisfy(pid -> assertThat(pids).contains(pid));
		awaitNanos("an instance takes the resubmission lock", Duration.ofSeconds(30),
				() -> !lockHolders("retailflow event publication resubmission pid %").isEmpty());
		assertThat(lockHolders("retailflow event publication resubmission pid %")).as("sessions resubmitting").hasSize(1)
			.allSatisfy(pid -> assertThat(pids).contains(pid));

		// A publication whose delivery failed ten minutes ago: a copy of a completed write-back publication.
		UUID failed = UUID.randomUUID();
		try (var connection = primary()) {
			var insert = connection.prepareStatement("INSERT INTO modulith.event_publication (id, listener_id, event_type,"
					+ " serialized_event, publication_date, status, completion_attempts) SELECT ?, listener_id, event_type,"
					+ " serialized_event, now() - interval '10 minutes', 'FAILED', 1 FROM modulith.event_publication_archive"
					+ " WHERE listener_id LIKE 'legacy.write-back.%' ORDER BY completion_date DESC LIMIT 1");
			insert.setObject(1, failed);
			assertThat(insert.executeUpdate()).as("a completed write-back publication to copy").isEqualTo(1);
		}
		awaitNanos("resubmitted and archived", Duration.ofSeconds(30), () -> query(
				"SELECT count(*) FROM modulith.event_publication_archive WHERE id = '" + failed + "'", Long.class) == 1);
		assertThat(query("SELECT completion_attempts FROM modulith.event_publication_archive WHERE id = '" + failed + "'",
				Integer.class)).as("the failed attempt and one resubmission").isEqualTo(2);

		// Sixty overdue reservations holding sixty units.
		try (var connection = primary(); var statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO inventory.stock (sku, on_hand, reserved, updated_at)"
					+ " VALUES ('SKU-RUN-ONCE', 100, 60, now())");
			statement.executeUpdate("INSERT INTO inventory.reservation (id, sku, quantity, status, created_at, expires_at)"
					+ " SELECT gen_random_uuid(), 'SKU-RUN-ONCE', 1, 'OPEN', now() - interval '2 minutes',"
					+ " now() - interval '1 minute' FROM generate_series(1, 60)");
		}
		awaitNanos("every reservation expired", Duration.ofSeconds(30), () -> query(
				"SELECT count(*) FROM inventory.reservation WHERE sku = 'SKU-RUN-ONCE' AND status = 'EXPIRED'", Long.class) == 60);
		assertThat(query("SELECT reserved FROM inventory.stock WHERE sku = 'SKU-RUN-ONCE'", Integer.class))
			.as("each unit released once").isZero();
		int expiredInLogs = 0;
		for (int n = 1; n <= instances.size(); n++) {
			var matcher = EXPIRED.matcher(Files.readString(runDirectory.resolve("logs/app-" + n + ".log")));
			while (matcher.find()) {
				expiredInLogs += Integer.parseInt(matcher.group(1));
			}
		}
		assertThat(expiredInLogs).as("expirations reported by the three instances together").isEqualTo(60);
	}

	@Test
	@Order(6)
	void killingAnInstanceUnderGetLoadDropsNoRequest() throws Exception {
		int victim = instances.get(2);
		long pid = run.appPid(victim);
		// One slow POST per instance (nginx takes turns): the victim's is in flight when it dies.
		List<CompletableFuture<Integer>> unsafe = new ArrayList<>();
		for (int i = 0; i < instances.size(); i++) {
			unsafe.add(CompletableFuture.supplyAsync(() -> post(port, "/_debug/echo.php?delay_ms=5000", Map.of("order", "1"))
				.statusCode()));
			Thread.sleep(100);
		}
		GetLoad load = new GetLoad("http://127.0.0.1:" + port + "/products/1", 4);
		try (load) {
			Thread.sleep(2_000);
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
			Thread.sleep(3_000);
		}
		List<Integer> unsafeStatuses = unsafe.stream().map(CompletableFuture::join).toList();
		assertThat(unsafeStatuses).as("POSTs in flight: completed, or reported as 502 — never replayed elsewhere")
			.containsOnly(200, 502)
			.containsOnlyOnce(502);
		assertThat(load.failures()).as("failed GETs after SIGKILL of :" + victim).isEmpty();
		assertThat(load.succeeded()).isGreaterThan(20);
		assertThat(run.output()).contains("app instance 3 (port " + victim + ") has stopped");
	}

	@Test
	@Order(7)
	void sigtermFinishesInFlightRequestsAndTheSurvivorFailsNothing() throws Exception {
		int stopping = instances.get(1);
		long pid = run.appPid(stopping);
		var inFlight = CompletableFuture.supplyAsync(() -> get(stopping, "/_debug/echo.php?delay_ms=4000"));
		var unsafeInFlight = CompletableFuture.supplyAsync(() -> post(stopping, "/_debug/echo.php?delay_ms=4000",
				Map.of("order", "2")));
		Thread.sleep(1_000);
		GetLoad load = new GetLoad("http://127.0.0.1:" + port + "/products/1", 4);
		boolean unreadyWhileServing = false;
		List<String> seen = new ArrayList<>();
		try (load) {
			Thread.sleep(1_000);
			ProcessHandle.of(pid).orElseThrow().destroy();
			// Readiness turns 503 first, while the instance still serves (retailflow.shutdown.unready-for, 3 s).
			long sigterm = System.nanoTime();
			while (!unreadyWhileServing && System.nanoTime() - sigterm < TimeUnit.SECONDS.toNanos(8)) {
				int readiness = statusOrZero(stopping, "/actuator/health/readiness");
				int page = readiness == 503 ? statusOrZero(stopping, "/products/1") : -1;
				seen.add("+" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm) + " ms readiness " + readiness
						+ " page " + page);
				unreadyWhileServing = readiness == 503 && page == 200;
				Thread.sleep(50);
			}
			ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(60, TimeUnit.SECONDS).join());
			Thread.sleep(2_000);
		}
		assertThat(unreadyWhileServing).as("unready, still serving, right after SIGTERM: " + seen).isTrue();
		assertThat(inFlight.get().statusCode()).as("the request in flight at SIGTERM").isEqualTo(200);
		assertThat(unsafeInFlight.get().statusCode()).as("the POST in flight at SIGTERM").isEqualTo(200);
		assertThat(load.failures()).as("failed GETs while :" + stopping + " shut down").isEmpty();
		assertThat(load.succeeded()).isGreaterThan(20);
		String log = Files.readString(runDirectory.resolve("logs/app-2.log"));
		assertThat(log).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
		assertThat(log.indexOf("Readiness is REFUSING_TRAFFIC")).as("unready before the server stops accepting")
			.isPositive()
			.isLessThan(log.indexOf("Commencing graceful shutdown"));
		assertThat(get(port, "/products/1").statusCode()).as("the last instance serves").isEqualTo(200);
	}

	// ---------------------------------------------------------------------------------------------------------------

	static void awaitBackfill() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/products/1"))
				.header("Accept", "application/json")
				.build()).statusCode() == 200) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the catalog was not backfilled from legacy");
	}

	static BigDecimal apiPrice(int instance) {
		var product = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance + "/api/v1/products/1"))
			.header("Accept", "application/json")
			.build());
		assertThat(product.statusCode()).as(product.body()).isEqualTo(200);
		var matcher = API_PRICE.matcher(product.body());
		assertThat(matcher.find()).as("a price in " + product.body()).isTrue();
		return new BigDecimal(matcher.group(1));
	}

	static Connection primary() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/retailflow", "postgres", "");
	}

	static <T> T query(String sql, Class<T> type) {
		try (var connection = primary(); var rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getObject(1, type);
		}
		catch (SQLException ex) {
			throw new AssertionError(sql, ex);
		}
	}

	/** Process ids of the app instances whose session (named like the pattern) holds an advisory lock. */
	static List<Long> lockHolders(String applicationName) {
		List<Long> pids = new ArrayList<>();
		try (var connection = primary();
				var statement = connection.prepareStatement("SELECT a.application_name FROM pg_stat_activity a"
						+ " JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted"
						+ " WHERE a.application_name LIKE ?")) {
			statement.setString(1, applicationName);
			try (var rows = statement.executeQuery()) {
				while (rows.next()) {
					String name = rows.getString(1);
					pids.add(Long.parseLong(name.substring(name.lastIndexOf(' ') + 1)));
				}
			}
		}
		catch (SQLException ex) {
			throw new AssertionError(ex);
		}
		return pids;
	}

	/** Waits for the condition; the time it was first seen true. */
	static long awaitNanos(String what, Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			long checked = System.nanoTime();
			if (condition.getAsBoolean()) {
				return checked;
			}
			Thread.sleep(50);
		}
		throw new AssertionError(what + ": not within " + limit);
	}

	/** The status of a GET, 0 when the instance does not answer (it has stopped accepting connections). */
	static int statusOrZero(int instance, String path) {
		try {
			return shopper.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance + path))
				.timeout(Duration.ofSeconds(3))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static String servedBy(int instance, String path) {
		return get(instance, path).headers().firstValue("X-Served-By").orElse("");
	}

	static HttpResponse<String> get(int port, String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html").build());
	}

	static HttpResponse<String> post(int port, String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	static HttpResponse<String> admin(int port, String method, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return shopper.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static String csrf(String html) {
		var matcher = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
		assertThat(matcher.find()).as("csrf token in page").isTrue();
		return matcher.group(1);
	}

	static int cartCount(String html) {
		var matcher = CART.matcher(html);
		assertThat(matcher.find()).as("cart count in header").isTrue();
		return Integer.parseInt(matcher.group(1));
	}
}
