package com.retailflow.proxy.internal.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The migration console: one server-rendered page whose small script polls the admin API. No front-end build,
 * no framework — the console must keep working while everything else is being migrated.
 */
@RestController
class AdminConsoleController {

	private final String console = read("proxy-console/console.html");
	private final String login = read("proxy-console/login.html");

	@GetMapping(value = "/admin", produces = MediaType.TEXT_HTML_VALUE)
	String console(HttpServletRequest request, Principal principal) {
		return fill(console, request, Map.of("{{user}}", principal.getName()));
	}

	@GetMapping(value = "/admin/login", produces = MediaType.TEXT_HTML_VALUE)
	String login(HttpServletRequest request) {
		boolean failed = request.getParameterMap().containsKey("error");
		return fill(login, request,
				Map.of("{{error}}", failed ? "<p class=\"error\">Wrong user or password, or not an admin.</p>" : ""));
	}

	private static String fill(String template, HttpServletRequest request, Map<String, String> values) {
		var token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String page = template.replace("{{csrf}}", HtmlUtils.htmlEscape(token == null ? "" : token.getToken()))
			.replace("{{csrfHeader}}", HtmlUtils.htmlEscape(token == null ? "" : token.getHeaderName()))
			.replace("{{csrfParameter}}", HtmlUtils.htmlEscape(token == null ? "_csrf" : token.getParameterName()));
		for (var entry : values.entrySet()) {
			String value = entry.getKey().equals("{{error}}") ? entry.getValue() : HtmlUtils.htmlEscape(entry.getValue());
			page = page.replace(entry.getKey(), value);
		}
		return page;
	}

	private static String read(String path) {
		try (var in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
