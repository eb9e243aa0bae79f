package com.retailflow.platform.testing;

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
 * One shopper's browser against the app over real HTTP, for the modules' tests: keeps its cookies, does not follow
 * redirects, posts forms with the CSRF token of the last page it got, and sends API calls with a token from
 * {@code /api/v1/auth/csrf} in {@code X-XSRF-TOKEN}, as the shop's own script does.
 */
public final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\">");
	private static final Pattern API_TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

	private final int port;
	private final String base;
	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
	private final HttpClient http;
	private String formToken = "";

	public Browser(int port) {
		this.port = port;
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public int port() {
		return port;
	}

	/** Gets a page (or JSON) and keeps the CSRF token of its form, if it has one. */
	public HttpResponse<String> get(String path) {
		var response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
		Matcher token = CSRF_FIELD.matcher(response.body());
		if (token.find()) {
			formToken = token.group(1);
		}
		return response;
	}

	/**
	 * Posts a form with the token of the last page, as a browser does. A page without a form (an empty cart) carries
	 * no token; the API hands out the same session token then.
	 */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		var withToken = new LinkedHashMap<String, String>();
		withToken.put("csrf", formToken.isEmpty() ? apiToken() : formToken);
		withToken.putAll(fields);
		return postRaw(path, form(withToken));
	}

	/** Posts a url-encoded body as given: no token is added. */
	public HttpResponse<String> postRaw(String path, String urlEncodedBody) {
		return post(path, "application/x-www-form-urlencoded", urlEncodedBody);
	}

	/** Posts a body of any content type, with no token. */
	public HttpResponse<String> post(String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** JSON to the API with a fresh CSRF token; {@code headers} are name, value pairs. */
	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return json("POST", path, "application/json", json, headers);
	}

	public HttpResponse<String> postJsonWithoutToken(String path, String json) {
		return post(path, "application/json", json);
	}

	public HttpResponse<String> putJson(String path, String json) {
		return json("PUT", path, "application/json", json);
	}

	public HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-XSRF-TOKEN", apiToken()).DELETE());
	}

	/** Any method and content type, with a fresh CSRF token; {@code headers} are name, value pairs. */
	public HttpResponse<String> json(String method, String path, String contentType, String body, String... headers) {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.header("X-XSRF-TOKEN", apiToken())
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** Signs in through identity's API; fails unless it answers 200. */
	public Browser signIn(String email, String password) {
		var response = postJson("/api/v1/auth/sign-in", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
		}
		return this;
	}

	/** Signs up a new shopper through identity's API: 201 and signed in. */
	public Browser register(String email) {
		var response = postJson("/api/v1/auth/register",
				"{\"email\":\"" + email + "\",\"name\":\"Test Shopper\",\"password\":\"secret-password\"}");
		if (response.statusCode() != 201) {
			throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
		}
		return this;
	}

	public String apiToken() {
		var body = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/csrf")).GET()).body();
		return group(API_TOKEN, body);
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
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

	public Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue).findFirst();
	}

	/** This browser's cookies as a {@code Cookie} header value, for requests written by hand. */
	public String cookieHeader() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
	}

	public void setCookie(String name, String value) {
		var cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		cookies.getCookieStore().add(URI.create(base), cookie);
	}

	public static String form(Map<String, String> fields) {
		return fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** The first group of {@code pattern} in {@code text}; fails when it is not there. */
	public static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + pattern + " in " + text);
		}
		return matcher.group(1);
	}
}
