package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Who gets in on the admin side, table-driven: every method unauthenticated is 401 with a challenge and a problem;
 * the console's session has its own cookie and never skips CSRF; Actuator shows only status and metrics for
 * scrapers to everyone.
 */
class AdminAccessTests extends ProxyAgainstLegacyShop {

	static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
	static final List<String> API_PATHS = List.of("/admin/api/routes", "/admin/api/routes/catalog",
			"/admin/api/routes/catalog/shadow", "/admin/api/no-such-endpoint");
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Test
	void everyUnauthenticatedApiCallIs401WithAChallengeAndAProblemWhateverTheMethod() {
		int audited = history("catalog");
		for (String path : API_PATHS) {
			for (String method : METHODS) {
				for (String credentials : new String[] { null, "Bearer forged", ProxyHttp.basic("admin", "wrong") }) {
					var request = ProxyHttp.request(proxy(), path).header("Accept", "application/json");
					if (credentials != null) {
						request.header("Authorization", credentials);
					}
					boolean body = method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
					request.method(method, body ? HttpRequest.BodyPublishers.ofString("{\"mode\":\"NEW\",\"reason\":\"x\",\"force\":true}")
							: HttpRequest.BodyPublishers.noBody());
					if (body) {
						request.header("Content-Type", "application/json");
					}
					var response = ProxyHttp.send(request.build());
					String what = method + " " + path + " with " + credentials;
					assertThat(response.statusCode()).as(what).isEqualTo(401);
					assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
						.hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
					if (!method.equals("HEAD")) {
						assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
						assertThat(response.body()).as(what).contains("\"status\":401");
					}
				}
			}
		}
		assertThat(history("catalog")).as("route changes").isEqualTo(audited);
	}

	@Test
	void apiErrorsAreProblems() {
		record Case(String method, String path, String body, int status) {
		}
		for (var c : List.of(new Case("DELETE", "/admin/api/routes/catalog", null, 405),
				new Case("GET", "/admin/api/no-such-endpoint", null, 404),
				new Case("GET", "/admin/api/routes/catalog/assignment", null, 400),
				new Case("PUT", "/admin/api/routes/catalog", "[1,2", 400),
				new Case("GET", "/admin/api/routes/nope/shadow", null, 404))) {
			var response = ProxyHttp.admin(proxy(), c.method(), c.path(), c.body(), "admin", "admin-secret");
			assertThat(response.statusCode()).as(c.toString()).isEqualTo(c.status());
			assertThat(response.headers().firstValue("Content-Type")).as(c.toString()).hasValue("application/problem+json");
		}
		var viewer = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "viewer", "viewer-secret");
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(viewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void theConsoleSessionHasItsOwnCookieAndNeverSkipsCsrf() {
		int audited = history("catalog");
		var login = ProxyHttp.get(proxy(), "/admin/login");
		String preSession = ProxyHttp.cookie(login, "RETAILFLOW_ADMIN");
		var csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).as(login.body()).isTrue();
		var signedIn = ProxyHttp.send(ProxyHttp.request(proxy(), "/admin/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "RETAILFLOW_ADMIN=" + preSession)
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-secret&_csrf=" + csrf.group(1)))
			.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String cookie = ProxyHttp.setCookie(signedIn, "RETAILFLOW_ADMIN");
		assertThat(cookie).contains("Path=/admin").contains("HttpOnly").contains("SameSite=Strict");
		assertThat(signedIn.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
		String session = ProxyHttp.cookie(signedIn, "RETAILFLOW_ADMIN");
		assertThat(ProxyHttp.send(ProxyHttp.request(proxy(), "/admin").header("Cookie", "RETAILFLOW_ADMIN=" + session).build())
			.statusCode()).as("signed in").isEqualTo(200);

		String change = "{\"mode\":\"SHADOW\",\"reason\":\"forged\"}";
		// With the console's session, whatever else the request carries, a change needs the CSRF token.
		for (String authorization : new String[] { null, "Bearer forged", ProxyHttp.basic("admin", "admin-secret") }) {
			var request = ProxyHttp.request(proxy(), "/admin/api/routes/catalog")
				.header("Cookie", "RETAILFLOW_ADMIN=" + session)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(change));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			var forged = ProxyHttp.send(request.build());
			assertThat(forged.statusCode()).as("session + " + authorization).isEqualTo(403);
			assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		// A browser's cross-site request with cached Basic credentials is not an API client either.
		var crossSite = ProxyHttp.send(ProxyHttp.request(proxy(), "/admin/api/routes/catalog")
			.header("Authorization", ProxyHttp.basic("admin", "admin-secret"))
			.header("Sec-Fetch-Site", "cross-site")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(change))
			.build());
		assertThat(crossSite.statusCode()).isIn(401, 403);
		assertThat(history("catalog")).as("route changes").isEqualTo(audited);
	}

	@Test
	void aSignInTheAdminAccountsRefuseToCheckIs429WithRetryAfter() {
		var api = ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, ProxyTestApplication.THROTTLED, "x");
		assertThat(api.statusCode()).isEqualTo(429);
		assertThat(api.headers().firstValue("Retry-After")).hasValue("42");
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(api.body()).contains("\"status\":429");

		var login = ProxyHttp.get(proxy(), "/admin/login");
		var csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).isTrue();
		var form = ProxyHttp.send(ProxyHttp.request(proxy(), "/admin/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "RETAILFLOW_ADMIN=" + ProxyHttp.cookie(login, "RETAILFLOW_ADMIN"))
			.POST(HttpRequest.BodyPublishers.ofString("username=" + ProxyTestApplication.THROTTLED + "&password=x&_csrf="
					+ csrf.group(1)))
			.build());
		assertThat(form.statusCode()).isEqualTo(302);
		assertThat(form.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/admin/login?throttled"));
		assertThat(ProxyHttp.get(proxy(), "/admin/login?throttled").body()).contains("Too many failed sign-ins");
	}

	@Test
	void actuatorShowsStatusToEveryoneAndTheRestOnlyToAdmins() {
		var health = ProxyHttp.get(proxy(), "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
		assertThat(ProxyHttp.get(proxy(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
		for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/jvm.threads.live",
				"/actuator/info", "/actuator/health/db", "/actuator/env")) {
			var anonymous = ProxyHttp.get(proxy(), path);
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
		}
		assertThat(ProxyHttp.admin(proxy(), "GET", "/actuator/metrics", null, "viewer", "viewer-secret").statusCode())
			.isEqualTo(403);
		assertThat(ProxyHttp.admin(proxy(), "GET", "/actuator/metrics", null, "admin", "admin-secret").statusCode())
			.isEqualTo(200);
		assertThat(ProxyHttp.admin(proxy(), "GET", "/actuator/health", null, "admin", "admin-secret").body())
			.contains("components");
	}


	int history(String route) {
		return JSON.readTree(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes/" + route + "/history", null, "admin",
				"admin-secret").body()).size();
	}

	String mode(String route) {
		var routes = JSON.readTree(ProxyHttp.admin(proxy(), "GET", "/admin/api/routes", null, "admin", "admin-secret").body());
		for (var node : routes) {
			if (node.get("id").asString().equals(route)) {
				return node.get("mode").asString();
			}
		}
		throw new AssertionError("no route " + route);
	}
}
