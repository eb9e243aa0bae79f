package com.retailflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.DigestUtils;

import com.retailflow.IdentityTestApplication;
import com.retailflow.platform.testing.Browser;

/**
 * Sign-in over real HTTP on real PostgreSQL: pages and API share one session and one CSRF protection; a legacy md5
 * account signs in and its hash is upgraded; session ids rotate; cookies are HttpOnly, SameSite=Lax and Secure behind
 * HTTPS; anonymous visitors leave no session row; failures are throttled across instances; a second instance (or a
 * restarted one) knows every session.
 */
@IdentityHttpTest
class SignInIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	IdentityManagement identity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	void registerMeSignOutAndSignInThroughTheApi() {
		var browser = new Browser(port);

		var registered = browser.postJson("/api/v1/auth/register",
				"{\"email\":\"Api.Shopper@Example.com\",\"name\":\"Api Shopper\",\"password\":\"api-secret\"}");
		assertThat(registered.statusCode()).isEqualTo(201);
		assertThat(registered.body()).contains("\"email\":\"api.shopper@example.com\"").contains("\"roles\":[\"SHOPPER\"]")
			.doesNotContain("argon2").doesNotContain("password");
		assertThat(browser.get("/api/v1/auth/me").body()).contains("\"name\":\"Api Shopper\"");

		assertThat(browser.postJson("/api/v1/auth/sign-out", "").statusCode()).isEqualTo(204);
		var signedOut = browser.get("/api/v1/auth/me");
		assertThat(signedOut.statusCode()).isEqualTo(401);
		assertThat(signedOut.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));

		var signedIn = browser.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"API.SHOPPER@example.com\",\"password\":\"api-secret\"}");
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.body()).contains("\"email\":\"api.shopper@example.com\"");
		assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
	}

	@Test
	void aLegacyMd5AccountSignsInOnTheNewSideAndItsHashIsUpgraded() {
		var legacy = new LegacyCustomer(7001, "Legacy.Shopper@Example.com", "Legacy Shopper", md5("legacy-pass"),
				Instant.parse("2019-03-01T10:00:00Z"));
		assertThat(identity.importLegacyCustomer(legacy)).isEqualTo(LegacyImport.CREATED);
		assertThat(hashOf("legacy.shopper@example.com")).startsWith("{legacy-md5}$argon2id$")
			.doesNotContain(md5("legacy-pass"));

		var browser = new Browser(port);
		browser.get("/sign-in");
		var signedIn = browser.post("/sign-in", Map.of("email", "legacy.shopper@example.com", "password", "legacy-pass"));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/account/profile");
		assertThat(hashOf("legacy.shopper@example.com")).startsWith("{argon2}$argon2id$");
		assertThat(browser.get("/account/profile").body()).contains("Legacy Shopper &middot; legacy.shopper@example.com")
			.contains("customer since 2019-03-01");

		// the same legacy row again: recognised as unchanged, the upgraded hash stays
		assertThat(identity.importLegacyCustomer(legacy)).isEqualTo(LegacyImport.UNCHANGED);
		assertThat(hashOf("legacy.shopper@example.com")).startsWith("{argon2}");
		assertThat(new Browser(port).postJson("/api/v1/auth/sign-in",
				"{\"email\":\"legacy.shopper@example.com\",\"password\":\"legacy-pass\"}").statusCode()).isEqualTo(200);

		// the shopper changed the password on legacy: legacy's is the password now
		var changed = new LegacyCustomer(7001, "legacy.shopper@example.com", "Legacy Shopper", md5("changed-on-legacy"),
				legacy.createdAt());
		assertThat(identity.importLegacyCustomer(changed)).isEqualTo(LegacyImport.UPDATED);
		assertThat(new Browser(port).postJson("/api/v1/auth/sign-in",
				"{\"email\":\"legacy.shopper@example.com\",\"password\":\"legacy-pass\"}").statusCode()).isEqualTo(401);
		assertThat(new Browser(port).postJson("/api/v1/auth/sign-in",
				"{\"email\":\"legacy.shopper@example.com\",\"password\":\"changed-on-legacy\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void theSessionIdRotatesAtSignInAndTheOldOneIsDead() {
		identity.register(new Registration("rotate@example.com", "Rotate", "rotate-me"));
		var browser = new Browser(port);
		browser.setCookie("RFSESSION", "planted-by-an-attacker");
		String first = sessionSet(browser.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"rotate@example.com\",\"password\":\"rotate-me\"}"));
		assertThat(first).isNotEqualTo("planted-by-an-attacker");

		var signedIn = new Browser(port);
		signedIn.setCookie("RFSESSION", first);
		assertThat(signedIn.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
		String second = sessionSet(signedIn.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"rotate@example.com\",\"password\":\"rotate-me\"}"));
		assertThat(second).isNotEqualTo(first);

		var stale = new Browser(port);
		stale.setCookie("RFSESSION", first);
		assertThat(stale.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
	}

	@Test
	void sessionCookiesAreHttpOnlyLaxAndSecureBehindHttps() {
		identity.register(new Registration("cookies@example.com", "Cookies", "cookie-jar"));
		for (boolean https : List.of(false, true)) {
			var browser = new Browser(port);
			String token = browser.apiToken();
			var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/sign-in"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"cookies@example.com\",\"password\":\"cookie-jar\"}"));
			if (https) {
				request.header("X-Forwarded-Proto", "https");
			}
			HttpResponse<String> response = browser.send(request);
			assertThat(response.statusCode()).isEqualTo(200);
			String session = response.headers().allValues("Set-Cookie").stream()
				.filter(cookie -> cookie.startsWith("RFSESSION="))
				.findFirst()
				.orElseThrow();
			assertThat(session).contains("HttpOnly").contains("SameSite=Lax");
			if (https) {
				assertThat(session).contains("Secure");
			}
			else {
				assertThat(session).doesNotContain("Secure");
			}
		}
	}

	@Test
	void anonymousVisitorsLeaveNoSessionRow() {
		long before = sessions();
		var browser = new Browser(port);
		for (String path : List.of("/", "/sign-in", "/register", "/api/v1/auth/me", "/api/v1/auth/csrf",
				"/account/profile", "/sign-out")) {
			assertThat(browser.get(path).statusCode()).as(path).isLessThan(500);
		}
		browser.get("/sign-in");
		assertThat(browser.post("/sign-in", Map.of("email", "nobody@example.com", "password", "wrong-one")).statusCode())
			.isEqualTo(200);
		browser.get("/register");
		assertThat(browser.post("/register", Map.of("email", "not-an-email", "name", "X", "password", "secret1"))
			.statusCode()).isEqualTo(200);
		assertThat(sessions()).isEqualTo(before);
	}

	@Test
	void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
		identity.register(new Registration("same-answer@example.com", "Same", "right-password"));
		var unknown = new Browser(port);
		unknown.get("/sign-in");
		var wrong = new Browser(port);
		wrong.get("/sign-in");

		var a = unknown.post("/sign-in", Map.of("email", "no-such-shopper@example.com", "password", "whatever1"));
		var b = wrong.post("/sign-in", Map.of("email", "same-answer@example.com", "password", "whatever1"));

		assertThat(a.statusCode()).isEqualTo(b.statusCode()).isEqualTo(200);
		assertThat(formErrors(a.body())).isEqualTo(formErrors(b.body()))
			.isEqualTo("<div class=\"form-errors\"><p>The e-mail address or password is not correct.</p></div>");
		var apiA = new Browser(port).postJson("/api/v1/auth/sign-in",
				"{\"email\":\"no-such-shopper@example.com\",\"password\":\"whatever1\"}");
		var apiB = new Browser(port).postJson("/api/v1/auth/sign-in",
				"{\"email\":\"same-answer@example.com\",\"password\":\"whatever1\"}");
		assertThat(apiA.statusCode()).isEqualTo(apiB.statusCode()).isEqualTo(401);
		assertThat(apiA.body().replace("no-such-shopper", "X")).isEqualTo(apiB.body().replace("same-answer", "X"));
	}

	@Test
	void failedSignInsAreThrottledWith429AndRetryAfterOnThePageAndTheApi() {
		identity.register(new Registration("throttled@example.com", "Throttled", "the-right-one"));
		var browser = new Browser(port);
		browser.get("/sign-in");
		for (int i = 0; i < 5; i++) {
			assertThat(browser.post("/sign-in", Map.of("email", "throttled@example.com", "password", "wrong-" + i))
				.statusCode()).isEqualTo(200);
		}
		// now even the right password is refused, before any hashing
		var page = browser.post("/sign-in", Map.of("email", "throttled@example.com", "password", "the-right-one"));
		assertThat(page.statusCode()).isEqualTo(429);
		assertThat(page.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
		assertThat(page.body()).contains("Too many failed sign-in attempts. Please try again in");

		var api = browser.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"THROTTLED@example.com\",\"password\":\"the-right-one\"}");
		assertThat(api.statusCode()).isEqualTo(429);
		assertThat(api.headers().firstValue("Retry-After")).isPresent();
		assertThat(api.body()).contains("\"type\":\"/api/v1/problems/too-many-attempts\"").contains("\"status\":429");
	}

	@Test
	void aSecondInstanceSharesSessionsAndThrottleCounts() {
		identity.register(new Registration("two-instances@example.com", "Two", "instance-pass"));
		var browser = new Browser(port);
		assertThat(browser.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"two-instances@example.com\",\"password\":\"instance-pass\"}").statusCode()).isEqualTo(200);
		String session = browser.cookie("RFSESSION").orElseThrow();

		try (ConfigurableApplicationContext second = secondInstance()) {
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			var elsewhere = new Browser(secondPort);
			elsewhere.setCookie("RFSESSION", session);
			assertThat(elsewhere.get("/api/v1/auth/me").body()).contains("two-instances@example.com");

			// four failures here, one there: the fifth counts on both
			var attacker = new Browser(port);
			for (int i = 0; i < 4; i++) {
				attacker.postJson("/api/v1/auth/sign-in", "{\"email\":\"two-instances@example.com\",\"password\":\"x" + i + "xxxx\"}");
			}
			var there = new Browser(secondPort);
			assertThat(there.postJson("/api/v1/auth/sign-in",
					"{\"email\":\"two-instances@example.com\",\"password\":\"fifth-try\"}").statusCode()).isEqualTo(401);
			assertThat(there.postJson("/api/v1/auth/sign-in",
					"{\"email\":\"two-instances@example.com\",\"password\":\"instance-pass\"}").statusCode()).isEqualTo(429);
		}
	}

	private ConfigurableApplicationContext secondInstance() {
		return new SpringApplicationBuilder(IdentityTestApplication.class).properties(Map.of("server.port", "0",
				"spring.datasource.url", environment.getRequiredProperty("spring.datasource.url"),
				"spring.datasource.username", environment.getRequiredProperty("spring.datasource.username"),
				"spring.datasource.password", environment.getProperty("spring.datasource.password", ""),
				"spring.jmx.enabled", "false"))
			.run();
	}

	/** The session id a response hands out. */
	private static String sessionSet(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		String cookie = response.headers().allValues("Set-Cookie").stream()
			.filter(header -> header.startsWith("RFSESSION="))
			.findFirst()
			.orElseThrow();
		return cookie.substring("RFSESSION=".length(), cookie.indexOf(';'));
	}

	private String hashOf(String email) {
		return jdbc.sql("SELECT password_hash FROM identity.accounts WHERE email = ?").param(email).query(String.class)
			.single();
	}

	private long sessions() {
		return jdbc.sql("SELECT count(*) FROM spring_session.spring_session").query(Long.class).single();
	}

	private static String formErrors(String html) {
		int start = html.indexOf("<div class=\"form-errors\">");
		return start < 0 ? "" : html.substring(start, html.indexOf("</div>", start) + "</div>".length());
	}

	static String md5(String password) {
		return DigestUtils.md5DigestAsHex(password.getBytes(StandardCharsets.UTF_8));
	}
}
