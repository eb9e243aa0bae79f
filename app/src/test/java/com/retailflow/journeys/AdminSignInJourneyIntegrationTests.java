package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.Registration;

/**
 * The console and the admin API sign in with identity's ADMIN accounts, over real HTTP through the whole app: the
 * bootstrap admin gets in (by its admin name or its e-mail), a shopper account does not (not with its password, not
 * with its storefront session), a password changed in identity is the one that works, and too many failures are 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=false")
class AdminSignInJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Pattern CONSOLE_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	static final String PASSWORD = "app-test-secret";

	@Autowired
	IdentityManagement identity;

	@Test
	void anUnauthenticatedAdminApiCallIs401WithAChallenge() throws Exception {
		var response = api(null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"RetailFlow admin\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void theBootstrapAdminGetsInByNameOrEmailAndIsShownByItsName() throws Exception {
		assertThat(api("admin", PASSWORD).statusCode()).isEqualTo(200);
		assertThat(api("Admin@admin.invalid", PASSWORD).statusCode()).isEqualTo(200);
		assertThat(api("admin", "wrong-password").statusCode()).isEqualTo(401);

		var browser = new ShopperBrowser(port);
		assertThat(consoleSignIn(browser, "admin", PASSWORD).headers().firstValue("Location").orElseThrow())
			.endsWith("/admin");
		var console = browser.get("/admin");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).as("the admin name, not the account id").contains("<span>admin</span>");
	}

	@Test
	void aShopperAccountGetsIntoNeitherTheApiNorTheConsole() throws Exception {
		identity.register(new Registration("console-shopper@example.com", "Console Shopper", "shopper-pass-1"));
		assertThat(api("console-shopper@example.com", "shopper-pass-1").statusCode()).isEqualTo(401);

		var browser = new ShopperBrowser(port);
		var refused = consoleSignIn(browser, "console-shopper@example.com", "shopper-pass-1");
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login?error");
		assertThat(browser.get("/admin").statusCode()).as("not signed in to the console").isEqualTo(302);

		// Signed in on the storefront: that session is no way into the console or the admin API either.
		var csrf = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/auth/csrf"))
			.header("Accept", "application/json")
			.build());
		var token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(csrf.body());
		assertThat(token.find()).as(csrf.body()).isTrue();
		var signedIn = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/auth/sign-in"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", token.group(1))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"console-shopper@example.com\",\"password\":\"shopper-pass-1\"}"))
			.build());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(IdentityJourneys.signedInOnNew(browser)).isEqualTo("console-shopper@example.com");
		var console = browser.get("/admin");
		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
		var routes = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/admin/api/routes"))
			.header("Accept", "application/json")
			.build());
		assertThat(routes.statusCode()).isEqualTo(401);
	}

	@Test
	void aPasswordChangedInIdentityIsTheOneThatWorks() throws Exception {
		var admin = identity.findByEmail("admin@admin.invalid").orElseThrow();
		identity.changePassword(admin.id(), PASSWORD, "changed-admin-secret");
		try {
			assertThat(api("admin", PASSWORD).statusCode()).isEqualTo(401);
			assertThat(api("admin", "changed-admin-secret").statusCode()).isEqualTo(200);
			assertThat(consoleSignIn(new ShopperBrowser(port), "admin", "changed-admin-secret").headers()
				.firstValue("Location")
				.orElseThrow()).endsWith("/admin");
		}
		finally {
			identity.changePassword(admin.id(), "changed-admin-secret", PASSWORD);
		}
		assertThat(api("admin", PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void repeatedFailuresAreThrottledLikeShoppers() throws Exception {
		// by e-mail, so the throttle's count (per name typed and address) leaves "admin" usable for the other tests
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(api("admin@admin.invalid", "wrong-" + i).statusCode()).isEqualTo(401);
			}
			var throttled = api("admin@admin.invalid", PASSWORD);
			assertThat(throttled.statusCode()).as("even the right password, before any hashing").isEqualTo(429);
			assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
					seconds -> assertThat(seconds).isBetween(1L, 15 * 60L));
			assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(api("admin", PASSWORD).statusCode()).isEqualTo(200);
		}
		finally {
			postgres.sql("DELETE FROM identity.sign_in_failures").update();
		}
	}

	private HttpResponse<String> api(String user, String password) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/api/routes"))
			.header("Accept", "application/json");
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return new ShopperBrowser(port).send(request.build());
	}

	private static HttpResponse<String> consoleSignIn(ShopperBrowser browser, String user, String password)
			throws Exception {
		var login = browser.get("/admin/login");
		var token = CONSOLE_CSRF.matcher(login.body());
		assertThat(token.find()).as(login.body()).isTrue();
		var response = browser.post("/admin/login", Map.of("username", user, "password", password, "_csrf", token.group(1)));
		assertThat(response.statusCode()).isEqualTo(302);
		return response;
	}
}
