package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;

/**
 * The identity route in NEW through the proxy, in front of the real legacy shop: legacy's sign-in URL answers with a
 * 301 to the new page, the demo shopper (an md5 account, brought in as the customers sync will bring it) signs in on
 * the new side, and afterwards its password hash is Argon2id and legacy's md5 is in none of its columns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=false")
class IdentityCutoverJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

	@Autowired
	IdentityManagement identity;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoShopperSignsInOnTheNewSideAndItsHashIsUpgraded() throws Exception {
		identity.importLegacyCustomer(legacyDemoShopper());
		assertThat(hash()).startsWith("{legacy-md5}");
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");

		var legacyUrl = browser.get("/login.php?next=%2Fcart.php");
		assertThat(legacyUrl.statusCode()).isEqualTo(301);
		assertThat(legacyUrl.headers().firstValue("Location")).hasValue("/sign-in?next=%2Fcart.php");

		var page = browser.get("/sign-in?next=%2Fcart.php");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Served-By")).hasValue("new");
		assertThat(page.body()).contains("<header id=\"site-header\">").contains("<h1>Sign in</h1>");

		var signedIn = browser.post("/sign-in",
				Map.of("csrf", csrf(page.body()), "email", "Demo@Example.com", "password", "demo1234", "next", "/cart.php"));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/cart.php");
		assertThat(hash()).startsWith("{argon2}$argon2id$");
		// md5("demo1234"), legacy's stored value: in no column of the account (the wrapped {legacy-md5} kept for
		// re-imports is Argon2id over it, ADR 0035)
		assertThat(jdbc.sql("SELECT a::text FROM identity.accounts a WHERE email = 'demo@example.com'")
			.query(String.class)
			.single()).doesNotContain(legacyDemoShopper().md5Password());
		assertThat(me(browser).body()).contains("\"email\":\"demo@example.com\"");

		var signOut = browser.get("/logout.php");
		assertThat(signOut.statusCode()).isEqualTo(301);
		assertThat(signOut.headers().firstValue("Location")).hasValue("/sign-out");
		assertThat(browser.get("/sign-out").statusCode()).isEqualTo(302);
		assertThat(me(browser).statusCode()).isEqualTo(401);
	}

	@Test
	void theConsoleKeepsItsOwnSessionCookieNowThatSessionsLiveInPostgresql() throws Exception {
		var browser = new ShopperBrowser(port);
		var login = browser.get("/admin/login");
		var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(token.find()).as(login.body()).isTrue();

		var signedIn = browser.post("/admin/login",
				Map.of("username", "admin", "password", "app-test-secret", "_csrf", token.group(1)));

		assertThat(signedIn.statusCode()).isEqualTo(302);
		var cookies = signedIn.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("RETAILFLOW_ADMIN=")
			.contains("Path=/admin").contains("SameSite=Strict").contains("HttpOnly"));
		assertThat(cookies).noneMatch(cookie -> cookie.startsWith("RFSESSION="));
		assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> me(ShopperBrowser browser) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/auth/me"))
			.header("Accept", "application/json")
			.build());
	}

	/** Legacy's row for the demo shopper, read as the customers sync will read it. */
	private static LegacyCustomer legacyDemoShopper() throws Exception {
		var db = LEGACY.database();
		try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				var statement = connection
					.prepareStatement("SELECT id, email, name, password, created_at FROM customers WHERE email = ?")) {
			statement.setString(1, "demo@example.com");
			try (var row = statement.executeQuery()) {
				assertThat(row.next()).isTrue();
				return new LegacyCustomer(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
						row.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC));
			}
		}
	}

	private String hash() {
		return jdbc.sql("SELECT password_hash FROM identity.accounts WHERE email = 'demo@example.com'")
			.query(String.class)
			.single();
	}

	private static void flipIdentity(ShopperBrowser browser, String mode) throws Exception {
		HttpResponse<String> response = browser.send(HttpRequest
			.newBuilder(URI.create(browser.base() + "/admin/api/routes/identity"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"reason\":\"journey test\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static String csrf(String html) {
		var matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("csrf token in page").isTrue();
		return matcher.group(1);
	}
}
