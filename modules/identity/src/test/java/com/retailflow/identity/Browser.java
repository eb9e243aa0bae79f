package com.retailflow.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One shopper's browser against the app over real HTTP: keeps its cookies, does not follow redirects, and reads the
 * CSRF token from the last page's form (or from {@code /api/v1/auth/csrf} for API calls).
 */
final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\">");

	private final String base;
	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
	private final HttpClient http;
	private String formToken = "";

	Browser(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	HttpResponse<String> get(String path) {
		var response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
		Matcher token = CSRF_FIELD.matcher(response.body());
		if (token.find()) {
			formToken = token.group(1);
		}
		return response;
	}

	/** Posts a form with the token of the last page, as a browser does. */
	HttpResponse<String> post(String path, Map<String, String> fields) {
		var withToken = new LinkedHashMap<String, String>();
		withToken.put("csrf", formToken);
		withToken.putAll(fields);
		return postRaw(path, form(withToken));
	}

	HttpResponse<String> postRaw(String path, String urlEncodedBody) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody)));
	}

	/** JSON to the API with a fresh CSRF token in X-XSRF-TOKEN. */
	HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", apiToken())
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> postJsonWithoutToken(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	String apiToken() {
		var body = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).GET()).body();
		Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
		if (!token.find()) {
			throw new IllegalStateException("no CSRF token in " + body);
		}
		return token.group(1);
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

	Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue).findFirst();
	}

	void setCookie(String name, String value) {
		var cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		cookies.getCookieStore().add(URI.create(base), cookie);
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}
}
