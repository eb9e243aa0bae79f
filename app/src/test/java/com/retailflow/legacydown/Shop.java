package com.retailflow.legacydown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/** A plain HTTP client for the app under test: no cookies, no redirects, each answer timed. */
final class Shop {

	private static final String ADMIN = "Basic "
			+ Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();
	private final String base;

	Shop(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	Response get(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
	}

	Response post(String path, String form) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	Response admin(String method, String path, @Nullable String json) {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", ADMIN)
			.header("Accept", "application/json");
		if (json == null) {
			return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
		}
		return send(request.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json)));
	}

	/** The route as the admin API (and the console) shows it, as JSON. */
	String route(String id) {
		var routes = admin("GET", "/admin/api/routes", null).body();
		int start = routes.indexOf("{\"id\":\"" + id + "\"");
		int end = routes.indexOf("{\"id\":", start + 1);
		return routes.substring(start, end < 0 ? routes.length() : end);
	}

	private Response send(HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			var response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response, (System.nanoTime() - start) / 1_000_000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
