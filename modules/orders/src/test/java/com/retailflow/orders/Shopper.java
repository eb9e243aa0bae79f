package com.retailflow.orders;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shopper's browser against the app over real HTTP: keeps its cookies, does not follow redirects, and signs in
 * through identity's sign-in API as the shop's own script does.
 */
final class Shopper {

	private final String base;
	private final HttpClient http;

	Shopper(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	Shopper signIn(String email, String password) {
		var token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(get("/api/v1/auth/csrf").body());
		if (!token.find()) {
			throw new IllegalStateException("no CSRF token");
		}
		var response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/sign-in"))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", token.group(1))
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
		}
		return this;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/json").GET());
	}

	HttpResponse<String> post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + pattern + " in " + text);
		}
		return matcher.group(1);
	}
}
