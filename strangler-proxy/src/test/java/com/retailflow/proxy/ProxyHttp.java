package com.retailflow.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for tests: no redirects followed, no cookie jar, explicit credentials. */
final class ProxyHttp {

	static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

	private ProxyHttp() {
	}

	static HttpRequest.Builder request(String base, String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<String> get(String base, String pathAndQuery, String... headers) {
		var builder = request(base, pathAndQuery).GET();
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return send(builder.build());
	}

	/** The whole {@code Set-Cookie} header the answer sets for the cookie, attributes included. */
	static String setCookie(HttpResponse<?> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(name + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
	}

	/** The value of a cookie the answer sets. */
	static String cookie(HttpResponse<?> response, String name) {
		String header = setCookie(response, name);
		int end = header.indexOf(';');
		return header.substring(name.length() + 1, end < 0 ? header.length() : end);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static HttpResponse<String> admin(String base, String method, String path, String json, String user, String password) {
		var builder = request(base, path).header("Accept", "application/json");
		if (user != null) {
			builder.header("Authorization", basic(user, password));
		}
		if (json != null) {
			builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return send(builder.build());
	}

	static HttpResponse<String> flip(String base, String route, String mode, String percent, boolean force) {
		String json = "{\"mode\":\"" + mode + "\"" + (percent == null ? "" : ",\"percent\":" + percent)
				+ ",\"reason\":\"test\",\"force\":" + force + "}";
		return admin(base, "PUT", "/admin/api/routes/" + route, json, "admin", "admin-secret");
	}
}
