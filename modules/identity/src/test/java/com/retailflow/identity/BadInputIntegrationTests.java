package com.retailflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.retailflow.platform.testing.Browser;

/**
 * Bad input to registration, sign-in and the profile, over real HTTP on real PostgreSQL, table-driven: none gets a
 * 5xx; pages answer with a readable page, the API with a problem document; no failed request creates or changes an
 * account.
 */
@IdentityHttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests {

	static final String EXISTING = "existing.bad-input@example.com";
	static final String LONG_EMAIL = "a".repeat(185) + "@example.com";
	static final String HUGE = "p".repeat(200_000);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void existingAccount(@Autowired IdentityManagement identity) {
		identity.register(new Registration(EXISTING, "Existing", "existing-pass"));
	}

	@AfterEach
	void forgetFailures() {
		// every request here comes from 127.0.0.1: other test classes must not inherit this class's failures
		jdbc.sql("DELETE FROM identity.sign_in_failures").update();
	}

	/** A form post: fields (the CSRF token is added unless {@code withToken} is false), or a raw body. */
	record FormCase(String what, String path, Map<String, String> fields, boolean withToken, int status, String says) {
	}

	static List<FormCase> formCases() {
		var cases = new ArrayList<FormCase>();
		for (var email : Map.of("malformed", "not-an-email", "overlong", LONG_EMAIL, "with NUL", "a\u0000b@example.com",
				"with spaces", "a b@example.com", "two @", "a@b@example.com", "empty", "").entrySet()) {
			cases.add(new FormCase("register, " + email.getKey() + " e-mail", "/register",
					Map.of("email", email.getValue(), "name", "Bad Input", "password", "secret-1"), true, 200,
					"Please enter a valid e-mail address."));
		}
		cases.add(new FormCase("register, existing e-mail in other case", "/register",
				Map.of("email", EXISTING.toUpperCase(), "name", "Dup", "password", "secret-1"), true, 200,
				"An account with this e-mail address already exists."));
		cases.add(new FormCase("register, empty password", "/register",
				Map.of("email", "new1@example.com", "name", "N", "password", ""), true, 200, "at least 6 characters"));
		cases.add(new FormCase("register, huge password", "/register",
				Map.of("email", "new2@example.com", "name", "N", "password", HUGE), true, 200, "The password is too long"));
		cases.add(new FormCase("register, empty name", "/register",
				Map.of("email", "new3@example.com", "name", "  ", "password", "secret-1"), true, 200, "Please enter your name"));
		cases.add(new FormCase("register, overlong name", "/register",
				Map.of("email", "new4@example.com", "name", "n".repeat(101), "password", "secret-1"), true, 200,
				"Please enter your name"));
		cases.add(new FormCase("register, control character in name", "/register",
				Map.of("email", "new5@example.com", "name", "Bad\u0000Name", "password", "secret-1"), true, 200,
				"Please enter your name"));
		cases.add(new FormCase("register, no CSRF token", "/register",
				Map.of("email", "new6@example.com", "name", "N", "password", "secret-1"), false, 400,
				"Your session has expired or the form was not sent by this shop."));
		cases.add(new FormCase("sign-in, no CSRF token", "/sign-in",
				Map.of("email", EXISTING, "password", "existing-pass"), false, 400,
				"Your session has expired or the form was not sent by this shop."));
		cases.add(new FormCase("sign-in, overlong e-mail", "/sign-in", Map.of("email", LONG_EMAIL, "password", "x1x2x3"),
				true, 200, "The e-mail address or password is not correct."));
		cases.add(new FormCase("sign-in, NUL in the e-mail", "/sign-in",
				Map.of("email", "a\u0000b@example.com", "password", "x1x2x3"), true, 200,
				"The e-mail address or password is not correct."));
		cases.add(new FormCase("sign-in, empty password", "/sign-in", Map.of("email", EXISTING, "password", ""), true, 200,
				"The e-mail address or password is not correct."));
		cases.add(new FormCase("sign-in, huge password", "/sign-in", Map.of("email", EXISTING, "password", HUGE), true,
				400, "The password is too long"));
		cases.add(new FormCase("sign-in, nothing at all", "/sign-in", Map.of(), true, 200,
				"The e-mail address or password is not correct."));
		cases.add(new FormCase("profile, not signed in", "/account/profile/email", Map.of("email", "x@example.com"), true,
				302, ""));
		return cases;
	}

	@Test
	void badFormsGetAReadablePageAndChangeNothing() {
		String before = accountsSnapshot();
		for (FormCase form : formCases()) {
			var browser = new Browser(port);
			browser.get(form.path().startsWith("/account") ? "/sign-in" : form.path());
			HttpResponse<String> response = form.withToken() ? browser.post(form.path(), form.fields())
					: browser.postRaw(form.path(), Browser.form(form.fields()));
			assertThat(response.statusCode()).as(form.what()).isEqualTo(form.status());
			if (form.status() != 302) {
				assertThat(response.headers().firstValue("Content-Type").orElse("")).as(form.what()).startsWith("text/html");
				assertThat(response.body()).as(form.what()).contains("<header id=\"site-header\">").contains(form.says());
			}
		}
		assertThat(accountsSnapshot()).isEqualTo(before);
	}

	@Test
	void nonUtf8BytesInAFormAreReadableErrors() {
		String before = accountsSnapshot();
		for (String path : List.of("/register", "/sign-in")) {
			var browser = new Browser(port);
			browser.get(path);
			String token = URLEncoder.encode(tokenOf(browser, path), StandardCharsets.UTF_8);
			var response = browser.postRaw(path,
					"csrf=" + token + "&email=latin%E9%40example.com&name=Ren%E9&password=%FF%FE%FD%FC%FB%FA");
			assertThat(response.statusCode()).as(path).isBetween(200, 499);
			assertThat(response.body()).as(path).contains("<header id=\"site-header\">").contains("The form could not be read.");
		}
		assertThat(accountsSnapshot()).isEqualTo(before);
	}

	record JsonCase(String what, String path, String body, String contentType, boolean withToken, int status) {
	}

	static List<JsonCase> jsonCases() {
		String json = "application/json";
		return List.of(
				new JsonCase("register, number as e-mail", "/api/v1/auth/register",
						"{\"email\":5,\"name\":\"N\",\"password\":\"secret-1\"}", json, true, 400),
				new JsonCase("register, array as e-mail", "/api/v1/auth/register",
						"{\"email\":[\"a@example.com\"],\"name\":\"N\",\"password\":\"secret-1\"}", json, true, 400),
				new JsonCase("register, object as name", "/api/v1/auth/register",
						"{\"email\":\"j1@example.com\",\"name\":{\"first\":\"N\"},\"password\":\"secret-1\"}", json, true, 400),
				new JsonCase("register, null password", "/api/v1/auth/register",
						"{\"email\":\"j2@example.com\",\"name\":\"N\",\"password\":null}", json, true, 400),
				new JsonCase("register, malformed e-mail", "/api/v1/auth/register",
						"{\"email\":\"j3@@example\",\"name\":\"N\",\"password\":\"secret-1\"}", json, true, 400),
				new JsonCase("register, overlong e-mail", "/api/v1/auth/register",
						"{\"email\":\"" + LONG_EMAIL + "\",\"name\":\"N\",\"password\":\"secret-1\"}", json, true, 400),
				new JsonCase("register, huge password", "/api/v1/auth/register",
						"{\"email\":\"j4@example.com\",\"name\":\"N\",\"password\":\"" + HUGE + "\"}", json, true, 400),
				new JsonCase("register, existing e-mail", "/api/v1/auth/register",
						"{\"email\":\"" + EXISTING + "\",\"name\":\"N\",\"password\":\"secret-1\"}", json, true, 409),
				new JsonCase("register, not JSON", "/api/v1/auth/register", "{{{", json, true, 400),
				new JsonCase("register, a JSON array", "/api/v1/auth/register", "[1,2]", json, true, 400),
				new JsonCase("register, text/plain", "/api/v1/auth/register", "email=x", "text/plain", true, 415),
				new JsonCase("register, no CSRF token", "/api/v1/auth/register",
						"{\"email\":\"j5@example.com\",\"name\":\"N\",\"password\":\"secret-1\"}", json, false, 403),
				new JsonCase("sign-in, no CSRF token", "/api/v1/auth/sign-in",
						"{\"email\":\"" + EXISTING + "\",\"password\":\"existing-pass\"}", json, false, 403),
				new JsonCase("sign-in, number as password", "/api/v1/auth/sign-in",
						"{\"email\":\"" + EXISTING + "\",\"password\":123456}", json, true, 401),
				new JsonCase("sign-in, boolean as e-mail", "/api/v1/auth/sign-in",
						"{\"email\":true,\"password\":\"x\"}", json, true, 401),
				new JsonCase("sign-in, NUL in the e-mail", "/api/v1/auth/sign-in",
						"{\"email\":\"a\\u0000b@example.com\",\"password\":\"x1x2x3\"}", json, true, 401),
				new JsonCase("sign-in, missing password", "/api/v1/auth/sign-in", "{\"email\":\"" + EXISTING + "\"}", json,
						true, 400),
				new JsonCase("sign-in, huge password", "/api/v1/auth/sign-in",
						"{\"email\":\"" + EXISTING + "\",\"password\":\"" + HUGE + "\"}", json, true, 400),
				new JsonCase("sign-in, empty body", "/api/v1/auth/sign-in", "", json, true, 400),
				new JsonCase("sign-in, invalid UTF-8 in JSON", "/api/v1/auth/sign-in",
						"{\"email\":\"" + EXISTING + "\",\"password\":\"\u00ff\u00fe\"}", json, true, 401));
	}

	@Test
	void badJsonGetsAProblemDocumentAndChangesNothing() {
		String before = accountsSnapshot();
		for (JsonCase call : jsonCases()) {
			var browser = new Browser(port);
			var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + call.path()))
				.header("Content-Type", call.contentType())
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(call.body()));
			if (call.withToken()) {
				request.header("X-XSRF-TOKEN", browser.apiToken());
			}
			var response = browser.send(request);
			assertThat(response.statusCode()).as(call.what() + ": " + response.body()).isEqualTo(call.status());
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(call.what())
				.startsWith("application/problem+json");
			assertThat(response.body()).as(call.what()).contains("\"status\":" + call.status()).contains("\"detail\":");
		}
		assertThat(accountsSnapshot()).isEqualTo(before);
	}

	@Test
	void aThousandRapidAttemptsGetNo5xxAndEndUpThrottled() throws Exception {
		String before = accountsSnapshot();
		var browser = new Browser(port);
		String token = browser.apiToken();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		try (var pool = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 1000; i++) {
				int attempt = i;
				pool.submit(() -> {
					var request = java.net.http.HttpRequest
						.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/auth/sign-in"))
						.header("Content-Type", "application/json")
						.header("X-XSRF-TOKEN", token)
						.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"rapid" + (attempt % 7)
								+ "@example.com\",\"password\":\"guess-" + attempt + "\"}"));
					int status = browser.send(request).statusCode();
					statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
				});
			}
		}
		assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(401, 429);
		assertThat(statuses.get(429).get()).as(statuses.toString()).isGreaterThan(900);
		assertThat(accountsSnapshot()).isEqualTo(before);
	}

	private String tokenOf(Browser browser, String path) {
		var page = browser.get(path).body();
		var matcher = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page);
		return matcher.find() ? matcher.group(1) : "";
	}

	/** Every account's e-mail, name, hash and update time: any created or changed account shows. */
	private String accountsSnapshot() {
		return String.join("\n", jdbc.sql("SELECT email || '|' || name || '|' || password_hash || '|' || updated_at "
				+ "FROM identity.accounts ORDER BY email").query(String.class).list());
	}
}
