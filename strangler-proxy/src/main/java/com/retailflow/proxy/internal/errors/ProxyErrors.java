package com.retailflow.proxy.internal.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

/** The proxy's own error answers: a readable page for browsers, RFC 9457 problem details for API clients. */
public final class ProxyErrors {

	private ProxyErrors() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		if (response.isCommitted()) {
			// Part of an answer already went out; the only honest thing left is to cut the connection.
			throw new IOException(title + " after the response was committed");
		}
		response.reset();
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		String accept = String.valueOf(request.getHeader("Accept"));
		byte[] body;
		if (accept.contains("text/html") || (!accept.contains("json") && !request.getRequestURI().startsWith("/api/"))) {
			response.setContentType("text/html;charset=UTF-8");
			body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
					+ "</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body><main class=\"container\">"
					+ "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
					+ "</p><p><a href=\"/\">Back to the shop</a></p></main></body></html>")
				.getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.setContentType("application/problem+json");
			body = ("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status + ",\"detail\":\""
					+ json(detail) + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String json(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}
}
