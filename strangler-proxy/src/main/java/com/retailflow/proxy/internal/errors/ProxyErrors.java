package com.retailflow.proxy.internal.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The error contract in one place: an RFC 9457 problem ({@code application/problem+json}) for the JSON APIs
 * ({@code /api/…}, {@code /admin/api/…}) and for clients that ask for JSON; a readable page in the shop's
 * look for everything else. Always {@code no-store}. The proxy's own headers ({@code X-Served-By}, the
 * visit cookies) survive, so an error still says who answered and never re-keys the shopper.
 */
public final class ProxyErrors {

	private ProxyErrors() {
	}

	/** True when the answer to this request must be a problem document rather than a page. */
	static boolean wantsProblem(HttpServletRequest request) {
		String path = path(request);
		if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/admin/api/")
				|| path.equals("/admin/api")) {
			return true;
		}
		String accept = String.valueOf(request.getHeader("Accept"));
		return !accept.contains("text/html") && accept.contains("json");
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		write(request, response, status, title, detail, 0);
	}

	/** As {@link #write(HttpServletRequest, HttpServletResponse, int, String, String)}, with a {@code Retry-After} when positive. */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail, int retryAfterSeconds) throws IOException {
		if (response.isCommitted()) {
			// Part of an answer already went out; the only honest thing left is to cut the connection.
			throw new IOException(title + " after the response was committed");
		}
		resetKeepingOwnHeaders(response);
		response.setStatus(status);
		if (retryAfterSeconds > 0) {
			response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
		}
		writeBody(request, response, status, title, detail);
	}

	/**
	 * An answer that says no more than its status (exception messages stay in the log), for an error someone
	 * else raised with {@code sendError}: the headers that came with it ({@code WWW-Authenticate},
	 * {@code Allow}, {@code Retry-After}) are kept.
	 */
	public static void writeStatus(HttpServletRequest request, HttpServletResponse response, int status)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		HttpStatus known = HttpStatus.resolve(status);
		writeBody(request, response, status, known == null ? "Error " + status : known.getReasonPhrase(), detail(status));
	}

	/**
	 * Clears an answer that is being replaced (by an error, or by legacy's answer on a replay) but keeps what the
	 * proxy itself set: {@code X-Served-By} and the visit cookies, so the shopper is never re-keyed.
	 */
	public static void resetKeepingOwnHeaders(HttpServletResponse response) {
		String servedBy = response.getHeader("X-Served-By");
		List<String> ownCookies = new ArrayList<>();
		for (String cookie : response.getHeaders("Set-Cookie")) {
			if (cookie.startsWith("rf_")) {
				ownCookies.add(cookie);
			}
		}
		response.reset();
		if (servedBy != null) {
			response.setHeader("X-Served-By", servedBy);
		}
		ownCookies.forEach(cookie -> response.addHeader("Set-Cookie", cookie));
	}

	private static void writeBody(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		byte[] body;
		if (wantsProblem(request)) {
			response.setContentType("application/problem+json");
			body = problem(status, title, detail, path(request)).getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.setContentType("text/html;charset=UTF-8");
			body = page(title, detail).getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request could not be understood. Please check the address.";
			case 401 -> "Please sign in.";
			case 403 -> "You are not allowed to do this.";
			case 404 -> "There is nothing at this address.";
			case 405 -> "This address does not accept that kind of request.";
			case 413 -> "The request is too large.";
			case 503 -> "The shop is very busy right now. Please try again in a few seconds.";
			default -> status >= 500 ? "Something went wrong on our side. Please try again in a moment."
					: "The request could not be handled.";
		};
	}

	/** The path the client asked for, also during an error dispatch (which runs at the error page's path). */
	static String path(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return original instanceof String uri ? uri : request.getRequestURI();
	}

	static String problem(int status, String title, String detail, String instance) {
		return "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status + ",\"detail\":\""
				+ json(detail) + "\",\"instance\":\"" + json(instance) + "\"}";
	}

	/** The shop's header and layout (the legacy markup the new storefront copies), and a plain style if the shop's stylesheet is unreachable. */
	static String page(String title, String detail) {
		String escapedTitle = HtmlUtils.htmlEscape(title);
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escapedTitle
				+ " | RetailFlow Shop</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<style>body{font-family:sans-serif;margin:0}.wrap{max-width:60rem;margin:0 auto;padding:1rem}"
				+ "#site-header{border-bottom:1px solid #ddd}</style>"
				+ "<link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body>"
				+ "<header id=\"site-header\"><div class=\"wrap\"><a class=\"logo\" href=\"/\">RetailFlow Shop</a></div></header>"
				+ "<main class=\"wrap\"><div class=\"error-page\"><h1>" + escapedTitle + "</h1><p>"
				+ HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">Back to the shop</a></p></div></main></body></html>";
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
