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
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * one. The tests run in order on the same system; the last two take instances away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

	static final Pattern CART = Pattern.compile("class=\"cart-count\">(\\d+)<");
	static final Pattern PRICE = Pattern.compile("\\$(\\d+\\.\\d\\d)");

	static RunScript run;
	static int port;
	static int postgresPort;
	static List<Integer> instances;
	static Path runDirectory;
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
		var legacy = TestDatabases.newMariaDb();
		Map<String, String> env = new HashMap<>();
		env.put("PORT", String.valueOf(port));
		env.put("LEGACY_PORT", String.valueOf(LegacyShop.freePort()));
		env.put("RETAILFLOW_DB_PORT", String.valueOf(postgresPort));
		env.put("RETAILFLOW_RUN_DIR", runDirectory.toString());
		env.put("LEGACY_DB_NAME", legacy.name());
		env.put("LEGACY_PRODUCTS", "200");
		env.put("LEGACY_DEBUG", "1");
		env.put("RETAILFLOW_START_TIMEOUT", "600");
		env.put("RETAILFLOW_JAVA_OPTS", "-Xmx512m");
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
	@Order(3)
	void aRouteFlipIsSeenByEveryInstanceWithinTwoSeconds() throws Exception {
		awaitBackfill();
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
	 * What the catalog caches do across instances today: a write evicts only the caches of the instance that made it
	 * (after its commit); every other instance serves its cached copy until the entry expires
	 * ({@code retailflow.catalog.caches.expire-after-write}, 5 s). Here the change comes from outside all three
	 * instances, as a write made by any other instance would look to them.
	 */
	@Test
	@Order(4)
	void aCatalogChangeMadeElsewhereReachesEveryInstanceOnlyWhenItsCacheEntryExpires() throws Exception {
		String before = price(instances.get(0));
		for (int instance : instances) {
			assertThat(price(instance)).isEqualTo(before);
		}
		String after = new java.math.BigDecimal(before).add(java.math.BigDecimal.ONE).toPlainString();
		try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/retailflow",
				"postgres", "")) {
			connection.createStatement().executeUpdate("UPDATE catalog.product SET price = " + after + " WHERE id = 1");
		}
		long changed = System.nanoTime();
		boolean staleSeen = false;
		for (int instance : instances) {
			while (!price(instance).equals(after)) {
				staleSeen = true;
				assertThat(Duration.ofNanos(System.nanoTime() - changed)).as("new price on :" + instance)
					.isLessThan(Duration.ofSeconds(5 + 3));
				Thread.sleep(100);
			}
		}
		assertThat(staleSeen).as("the cached price is served until the entry expires: no eviction across instances")
			.isTrue();
	}

	@Test
	@Order(5)
	void killingAnInstanceUnderGetLoadDropsNoRequest() throws Exception {
		int victim = instances.get(2);
		long pid = run.appPid(victim);
		GetLoad load = new GetLoad("http://127.0.0.1:" + port + "/products/1", 4);
		try (load) {
			Thread.sleep(2_000);
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
			Thread.sleep(3_000);
		}
		assertThat(load.failures()).as("failed GETs after SIGKILL of :" + victim).isEmpty();
		assertThat(load.succeeded()).isGreaterThan(20);
		assertThat(run.output()).contains("app instance 3 (port " + victim + ") has stopped");
	}

	@Test
	@Order(6)
	void sigtermFinishesInFlightRequestsAndTheSurvivorFailsNothing() throws Exception {
		int stopping = instances.get(1);
		long pid = run.appPid(stopping);
		var inFlight = CompletableFuture.supplyAsync(() -> get(stopping, "/_debug/echo.php?delay_ms=4000"));
		Thread.sleep(1_000);
		GetLoad load = new GetLoad("http://127.0.0.1:" + port + "/products/1", 4);
		try (load) {
			Thread.sleep(1_000);
			ProcessHandle.of(pid).orElseThrow().destroy();
			ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(60, TimeUnit.SECONDS).join());
			Thread.sleep(2_000);
		}
		assertThat(inFlight.get().statusCode()).as("the request in flight at SIGTERM").isEqualTo(200);
		assertThat(load.failures()).as("failed GETs while :" + stopping + " shut down").isEmpty();
		assertThat(load.succeeded()).isGreaterThan(20);
		String log = Files.readString(runDirectory.resolve("logs/app-2.log"));
		assertThat(log).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
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

	static String price(int instance) {
		var page = get(instance, "/products/1");
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("new");
		var matcher = PRICE.matcher(page.body());
		assertThat(matcher.find()).as("a price on the product page").isTrue();
		return matcher.group(1);
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
