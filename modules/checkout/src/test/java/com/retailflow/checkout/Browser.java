package com.retailflow.checkout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
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
 * One shopper's browser against the app over real HTTP: keeps its cookies, does not follow redirects, reads the CSRF
 * token from the last page's form (or from {@code /api/v1/auth/csrf} for API calls).
 */
public final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\">");

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

	public HttpResponse<String> get(String path) {
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
		// a page without a form (an empty cart) carries no token; a product page's form would, the API hands out the same
		withToken.put("csrf", formToken.isEmpty() ? apiToken() : formToken);
		withToken.putAll(fields);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(withToken))));
	}

	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return json("POST", path, "application/json", json, headers);
	}

	HttpResponse<String> putJson(String path, String json) {
		return json("PUT", path, "application/json", json);
	}

	HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-XSRF-TOKEN", apiToken()).DELETE());
	}

	HttpResponse<String> json(String method, String path, String contentType, String body, String... headers) {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", contentType)
			.header("X-XSRF-TOKEN", apiToken())
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** Signs up a new shopper through identity's API: 201 and signed in. */
	public void register(String email) {
		var response = postJson("/api/v1/auth/register",
				"{\"email\":\"" + email + "\",\"name\":\"Test Shopper\",\"password\":\"secret-password\"}");
		if (response.statusCode() != 201) {
			throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
		}
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

	/**
	 * A checkout with an Idempotency-Key whose raw bytes the JDK client would refuse to send (control, non-ASCII):
	 * written on a plain socket with this browser's cookies and a CSRF token. Returns the status code.
	 */
	int rawCheckout(byte[] keyHeaderValue, String json) {
		String token = apiToken();
		String cookieHeader = cookies.getCookieStore()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Connection: close\r\nX-XSRF-TOKEN: " + token + "\r\nCookie: " + cookieHeader + "\r\n"
					+ "Content-Length: " + body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.ISO_8859_1));
			out.write(keyHeaderValue);
			out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
			return Integer.parseInt(status.substring(9, 12));
		}
		catch (IOException ex) {
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
